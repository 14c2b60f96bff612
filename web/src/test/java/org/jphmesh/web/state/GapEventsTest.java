package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jphmesh.web.state.StateFixtures.G1;
import static org.jphmesh.web.state.StateFixtures.START;

import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.junit.jupiter.api.Test;

class GapEventsTest {

    private final SequenceAccounting accounting = new SequenceAccounting();
    private final GapEvents gaps = new GapEvents();

    private void heard(Frame frame) {
        accounting.observe(frame, frame.timestamp());
    }

    @Test
    void a_gap_is_one_event_naming_how_many_readings_are_missing_before_which_number() {
        heard(Frame.data(10, START, G1, new SequenceStart(10)));
        heard(Frame.data(11, START, G1, new FloatReading(1)));
        assertThat(gaps.after(G1, accounting, START)).isEmpty();

        heard(Frame.data(15, START, G1, new FloatReading(1)));

        MeshEvent event = gaps.after(G1, accounting, START + 5).orElseThrow();
        assertThat(event.text()).isEqualTo("G1: 3 reading(s) missing before sequence 15");
        assertThat(event.kind()).isEqualTo(MeshEvent.Kind.gap);
        assertThat(event.at()).isEqualTo(START + 5);
        assertThat(gaps.after(G1, accounting, START + 6)).isEmpty();
    }

    @Test
    void the_next_gap_counts_only_the_readings_missing_since_the_last_event() {
        heard(Frame.data(10, START, G1, new SequenceStart(10)));
        heard(Frame.data(12, START, G1, new FloatReading(1)));
        gaps.after(G1, accounting, START);

        heard(Frame.data(20, START, G1, new FloatReading(1)));

        assertThat(gaps.after(G1, accounting, START).orElseThrow().text()).startsWith("G1: 7 reading(s) missing");
    }

    @Test
    void a_codifier_never_accounted_has_no_gap() {
        assertThat(gaps.after(G1, accounting, START)).isEmpty();
    }
}
