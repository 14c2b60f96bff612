package org.jphmesh.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.IntegerReading;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.junit.jupiter.api.Test;

/** The legacy jphRedis layout, field by field. */
class StateChangesTest {

    private static final Codifier C1 = Codifier.of("C1");
    private static final Codifier CK = Codifier.of("CK");

    private final SequenceAccounting accounting = new SequenceAccounting();
    private final StateChanges changes = new StateChanges();

    private List<StateChange> seen(Frame frame) {
        accounting.observe(frame, frame.timestamp());
        return changes.of(frame, accounting);
    }

    @Test
    void a_reading_sets_value_timestamp_and_the_loss_since_the_last_announcement() {
        seen(Frame.data(100, 1000, C1, new SequenceStart(100)));
        seen(Frame.data(101, 1001, C1, new FloatReading(42f)));
        StateChange change = seen(Frame.data(104, 1004, C1, new FloatReading(21.5f))).get(0);

        assertThat(change.codifier()).isEqualTo(C1);
        assertThat(change.fields()).containsEntry("Value", "21.5").containsEntry("DTimestamp", "1004")
                .containsEntry("DPacketsLost", "2").containsEntry("Codifier", "C1")
                .containsEntry("DDuplicated", "0").containsEntry("DReordered", "0");
        assertThat(seen(Frame.data(102, 1002, C1, new FloatReading(1f))).get(0).fields()).containsEntry("DReordered", "1");
        assertThat(seen(Frame.data(500, 2000, C1, new SequenceStart(500))).get(0).fields())
                .containsEntry("DPacketsLost", "0").containsEntry("DResetTime", "2000");
        assertThat(seen(Frame.data(501, 2001, C1, new FloatReading(1f))).get(0).fields()).containsEntry("DPacketsLost", "0");
    }

    @Test
    void a_late_or_resent_reading_lowers_the_loss_but_leaves_the_latest_value() {
        seen(Frame.data(100, 1000, C1, new SequenceStart(100)));
        seen(Frame.data(103, 1003, C1, new FloatReading(30f)));

        StateChange late = seen(Frame.data(101, 1001, C1, new FloatReading(10f))).get(0);

        assertThat(late.fields()).doesNotContainKeys("Value", "DTimestamp").containsEntry("DPacketsLost", "1");
    }

    @Test
    void values_are_written_as_jphredis_wrote_them() {
        assertThat(seen(Frame.data(1, 5, C1, new JsonReading("{\"voltage\":1.875,\"value\":23.25}"))).get(0).fields())
                .containsEntry("Value", "23.25");
        assertThat(seen(Frame.data(2, 6, C1, new IntegerReading(7))).get(0).fields()).containsEntry("Value", "7");
        assertThat(seen(Frame.data(3, 7, C1, new JsonReading("{\"value\":true}"))).get(0).fields()).containsEntry("Value", "True");
        assertThat(seen(Frame.data(4, 8, C1, new JsonReading("{\"value\":\"text\"}"))).get(0).fields())
                .containsEntry("Value", "text");
        assertThat(seen(Frame.data(5, 9, C1, new JsonReading("{\"stored\":3}"))).get(0).fields())
                .containsEntry("Value", "{\"stored\":3}");
    }

    @Test
    void control_frames_set_their_senders_fields_as_jphredis_did() {
        assertThat(seen(Frame.control(7, 10, Flag.ALIVE, C1, Codifier.BROADCAST, 1, false)).get(0).fields())
                .containsEntry("ITimestamp", "10").containsEntry("IsActive", "False");
        assertThat(seen(Frame.control(8, 11, Flag.NEW_SEQUENCE, C1, Codifier.BROADCAST, 1, true)).get(0).fields())
                .containsEntry("CPacketsLost", "0").containsEntry("CResetTime", "11");
        assertThat(seen(Frame.control(8, 11, Flag.NEW_SEQUENCE, CK, Codifier.BROADCAST, 1, true)).get(0).codifier())
                .isEqualTo(CK);
        StateChange halt = seen(Frame.control(9, 12, Flag.HALT, CK, C1, 1, true)).get(0);
        assertThat(halt.codifier()).isEqualTo(CK);
        assertThat(halt.fields()).containsEntry("HTimestamp", "12").doesNotContainKey("CPacketsLost");
        assertThat(seen(Frame.control(10, 13, Flag.PING, CK, C1, 1796000000000.123, true)).get(0).fields())
                .containsEntry("PTimestamp", "13").containsEntry("PRequest", "1796000000000.123");
        assertThat(seen(Frame.control(11, 1796000000003L, Flag.PONG, C1, CK, 1796000000000.0, true)).get(0).fields())
                .containsEntry("TRequest", "1796000000000.0").containsEntry("TTimestamp", "1796000000003")
                .containsEntry("TDuration", "3.0").containsEntry("CPacketsLost", "2");
        assertThat(seen(Frame.control(13, 14, Flag.HALT, CK, Codifier.BROADCAST, 1, true)).get(0).fields())
                .containsEntry("HTimestamp", "14").containsEntry("CPacketsLost", "2");
    }

    @Test
    void control_gaps_count_for_a_sender_heard_before_even_without_its_announcement() {
        Codifier cc = Codifier.of("CC");
        assertThat(seen(Frame.control(5, 10, Flag.ALIVE, cc, Codifier.BROADCAST, 1, true)).get(0).fields())
                .doesNotContainKey("CPacketsLost");
        assertThat(seen(Frame.control(8, 11, Flag.ALIVE, cc, Codifier.BROADCAST, 1, true)).get(0).fields())
                .containsEntry("CPacketsLost", "2");
    }
}
