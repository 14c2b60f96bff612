package org.jphmesh.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.junit.jupiter.api.Test;

class LatestReadingsTest {

    private static final Codifier C1 = Codifier.of("C1");
    private static final Codifier G2 = Codifier.of("G2");

    private final SequenceAccounting accounting = new SequenceAccounting();
    private final StateChanges changes = new StateChanges();
    private final LatestReadings latest = new LatestReadings(changes);

    private void heard(Frame frame) {
        accounting.observe(frame, frame.timestamp());
        latest.note(frame, accounting.isLatest(frame));
    }

    private List<StateChange> drained() {
        List<StateChange> out = new ArrayList<>();
        latest.drainInto(accounting, out::add);
        return out;
    }

    @Test
    void many_readings_between_writes_become_one_change_with_the_newest_value_and_the_loss_now() {
        changes.of(Frame.data(100, 1000, C1, new SequenceStart(100)), accounting);
        heard(Frame.data(101, 1001, C1, new FloatReading(1f)));
        heard(Frame.data(104, 1004, C1, new FloatReading(21.5f)));

        List<StateChange> out = drained();

        assertThat(out).singleElement().satisfies(change -> {
            assertThat(change.codifier()).isEqualTo(C1);
            assertThat(change.fields()).containsEntry("Value", "21.5").containsEntry("DTimestamp", "1004")
                    .containsEntry("DPacketsLost", "2").containsEntry("Codifier", "C1");
        });
        assertThat(drained()).as("each noted codifier is handed over once").isEmpty();
    }

    @Test
    void the_same_fields_as_a_change_made_at_once() {
        Frame reading = Frame.data(7, 70, G2, new FloatReading(3.5f));
        heard(reading);

        assertThat(drained()).containsExactly(changes.of(reading, accounting).get(0));
    }

    @Test
    void a_late_reading_corrects_the_loss_without_replacing_the_newest_value() {
        heard(Frame.data(10, 1010, G2, new FloatReading(30f)));
        heard(Frame.data(13, 1013, G2, new FloatReading(33f)));
        drained();

        heard(Frame.data(11, 1011, G2, new FloatReading(11f)));

        assertThat(drained()).singleElement().satisfies(change -> assertThat(change.fields())
                .doesNotContainKeys("Value", "DTimestamp").containsEntry("DPacketsLost", "1"));
    }
}
