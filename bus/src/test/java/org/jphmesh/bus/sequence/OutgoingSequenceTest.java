package org.jphmesh.bus.sequence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.jphmesh.bus.frame.Frame;
import org.junit.jupiter.api.Test;

class OutgoingSequenceTest {

    @Test
    void frames_after_the_announcement_count_up_from_the_start() {
        OutgoingSequence sequence = new OutgoingSequence(41);
        assertThat(sequence.start()).isEqualTo(41);
        assertThat(sequence.next()).isEqualTo(42);
        assertThat(sequence.next()).isEqualTo(43);
    }

    @Test
    void the_sequence_wraps_from_two_to_the_31_minus_one_to_zero() {
        OutgoingSequence sequence = new OutgoingSequence(Frame.MAX_SEQUENCE - 1);
        assertThat(sequence.next()).isEqualTo(Frame.MAX_SEQUENCE);
        assertThat(sequence.next()).isZero();
        assertThat(sequence.next()).isEqualTo(1);
    }

    @Test
    void random_starts_stay_within_the_31_bit_range() {
        RandomGenerator random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            assertThat(OutgoingSequence.random(random).start()).isBetween(0L, Frame.MAX_SEQUENCE);
        }
        assertThatThrownBy(() -> new OutgoingSequence(Frame.MAX_SEQUENCE + 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
