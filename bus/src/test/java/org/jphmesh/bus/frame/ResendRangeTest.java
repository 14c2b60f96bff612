package org.jphmesh.bus.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResendRangeTest {

    @Test
    void a_range_travels_as_first_times_65536_plus_count() {
        assertThat(new ResendRange(985818058, 3).toTimeComponent()).isEqualTo(985818058.0 * 65536 + 3);
        assertThat(ResendRange.fromTimeComponent(985818058.0 * 65536 + 3)).isEqualTo(new ResendRange(985818058, 3));
    }

    @Test
    void the_extremes_round_trip_exactly_through_a_double() {
        for (ResendRange range : new ResendRange[] {new ResendRange(0, 1), new ResendRange(Frame.MAX_SEQUENCE, 1024),
                new ResendRange(Frame.MAX_SEQUENCE - 1, 1), new ResendRange(1, 1024)}) {
            assertThat(ResendRange.fromTimeComponent(range.toTimeComponent())).isEqualTo(range);
        }
    }

    @Test
    void a_range_wraps_from_the_highest_sequence_to_zero() {
        ResendRange range = new ResendRange(Frame.MAX_SEQUENCE - 1, 4);
        assertThat(range.sequence(0)).isEqualTo(Frame.MAX_SEQUENCE - 1);
        assertThat(range.sequence(2)).isZero();
        assertThat(range.contains(1)).isTrue();
        assertThat(range.contains(2)).isFalse();
        assertThat(range.contains(Frame.MAX_SEQUENCE - 2)).isFalse();
    }

    @Test
    void values_that_name_no_range_are_refused() {
        for (double bad : new double[] {-1, 0, 65536, 65536 + 1025, 1.5, Double.NaN, Double.POSITIVE_INFINITY,
                (Frame.MAX_SEQUENCE + 1) * 65536.0 + 1, 1795320296291.0 * 65536}) {
            assertThatThrownBy(() -> ResendRange.fromTimeComponent(bad)).as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void counts_outside_one_to_1024_are_refused_when_made() {
        assertThatThrownBy(() -> new ResendRange(5, 0)).hasMessageContaining("count must be 1..1024");
        assertThatThrownBy(() -> new ResendRange(5, 1025)).hasMessageContaining("count must be 1..1024");
        assertThatThrownBy(() -> new ResendRange(-1, 1)).hasMessageContaining("first sequence");
    }

    @Test
    void resend_is_a_control_flag_with_the_letter_r() {
        assertThat(Flag.fromCode((byte) 0x52)).isEqualTo(Flag.RESEND);
        assertThat(Flag.RESEND.channel()).isEqualTo(BusChannel.CONTROL);
        assertThat(Flag.values()).hasSize(15);
    }
}
