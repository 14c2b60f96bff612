package org.jphmesh.bus.sequence;

import static org.assertj.core.api.Assertions.assertThat;

import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.SequenceStart;
import org.junit.jupiter.api.Test;

class SequenceAccountingTest {

    private static final Codifier S1 = Codifier.of("S1");
    private static final Codifier S2 = Codifier.of("S2");

    private final SequenceAccounting accounting = new SequenceAccounting();

    private Frame heard(long sequence, Codifier from) {
        Frame frame = Frame.data(sequence, 1_000 + sequence, from, new FloatReading(sequence));
        accounting.observe(frame, frame.timestamp());
        return frame;
    }

    @Test
    void a_reading_in_order_is_the_latest() {
        accounting.observe(Frame.data(100, 1_000, S1, new SequenceStart(100)), 1_000);

        assertThat(accounting.isLatest(heard(101, S1))).isTrue();
        assertThat(accounting.isLatest(heard(102, S1))).isTrue();
    }

    @Test
    void a_reading_after_a_gap_is_the_latest_and_the_late_one_filling_it_is_not() {
        accounting.observe(Frame.data(100, 1_000, S1, new SequenceStart(100)), 1_000);

        assertThat(accounting.isLatest(heard(103, S1))).isTrue();
        Frame late = heard(101, S1);

        assertThat(accounting.isLatest(late)).isFalse();
        assertThat(accounting.stats(S1, late.channel()).orElseThrow().lost()).isEqualTo(1);
    }

    @Test
    void an_earlier_reading_heard_again_is_not_the_latest() {
        accounting.observe(Frame.data(100, 1_000, S1, new SequenceStart(100)), 1_000);
        Frame first = heard(101, S1);
        heard(102, S1);

        accounting.observe(first, first.timestamp());

        assertThat(accounting.isLatest(first)).isFalse();
    }

    @Test
    void a_reading_of_a_stream_never_accounted_is_the_latest() {
        heard(5, S1);

        assertThat(accounting.isLatest(Frame.data(3, 1_003, S2, new FloatReading(3)))).isTrue();
    }

    @Test
    void streams_are_told_apart_by_codifier() {
        heard(10, S1);
        Frame other = heard(2, S2);

        assertThat(accounting.isLatest(other)).isTrue();
        assertThat(accounting.isLatest(Frame.data(9, 1_009, S1, new FloatReading(9)))).isFalse();
    }
}
