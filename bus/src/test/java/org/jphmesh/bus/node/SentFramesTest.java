package org.jphmesh.bus.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.ResendRange;
import org.junit.jupiter.api.Test;

class SentFramesTest {

    private static final Codifier S1 = Codifier.of("S1");
    private static final Codifier S2 = Codifier.of("S2");

    private final SentFrames sent = new SentFrames();

    private static Frame reading(Codifier from, long sequence) {
        return Frame.data(sequence, 1_000 + sequence, from, new FloatReading(sequence));
    }

    @Test
    void the_frames_of_a_range_come_back_as_they_were_sent() {
        for (long seq = 100; seq < 110; seq++) {
            sent.remember(reading(S1, seq));
        }

        assertThat(sent.find(S1, new ResendRange(103, 3))).containsExactly(reading(S1, 103), reading(S1, 104),
                reading(S1, 105));
    }

    @Test
    void each_codifier_has_its_own_ring() {
        sent.remember(reading(S1, 7));
        sent.remember(reading(S2, 7));

        assertThat(sent.find(S2, new ResendRange(7, 1))).containsExactly(reading(S2, 7));
        assertThat(sent.find(Codifier.of("S3"), new ResendRange(7, 1))).isEmpty();
    }

    @Test
    void only_the_last_1024_frames_are_kept() {
        for (long seq = 0; seq < 3000; seq++) {
            sent.remember(reading(S1, seq));
        }

        assertThat(sent.find(S1, new ResendRange(3000 - 1024, 1))).hasSize(1);
        assertThat(sent.find(S1, new ResendRange(3000 - 1025, 1))).isEmpty();
        assertThat(sent.find(S1, new ResendRange(1000, 1024))).hasSize(1000 + 1024 - (3000 - 1024));
        assertThat(sent.find(S1, new ResendRange(3000, 5))).as("not sent yet").isEmpty();
    }

    @Test
    void a_range_across_the_wrap_finds_frames_on_both_sides() {
        for (long seq = Frame.MAX_SEQUENCE - 2; seq != 3; seq = Frame.nextSequence(seq)) {
            sent.remember(reading(S1, seq));
        }

        assertThat(sent.find(S1, new ResendRange(Frame.MAX_SEQUENCE - 1, 4))).extracting(Frame::sequence)
                .containsExactly(Frame.MAX_SEQUENCE - 1, Frame.MAX_SEQUENCE, 0L, 1L);
    }

    @Test
    void large_readings_are_kept_up_to_the_byte_budget() {
        String big = "{\"value\":1,\"pad\":\"" + "x".repeat(4000) + "\"}";
        for (long seq = 0; seq < 200; seq++) {
            sent.remember(Frame.data(seq, seq, S1, new JsonReading(big)));
        }

        int kept = sent.find(S1, new ResendRange(0, 200)).size();
        assertThat(kept).isBetween(SentFrames.MAX_BYTES / 4100 - 1, SentFrames.MAX_BYTES / 4000);
        assertThat(sent.find(S1, new ResendRange(199, 1))).hasSize(1);
    }
}
