package org.jphmesh.bus.frame;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReadingsTest {

    @Test
    void a_decimal_that_float32_prints_back_unchanged_travels_as_f() {
        assertThat(Readings.of(53.93)).isEqualTo(new FloatReading(53.93f));
        assertThat(Readings.of(53.93).toString()).isEqualTo("53.93");
        assertThat(Readings.of(-0.5)).isEqualTo(new FloatReading(-0.5f));
    }

    @Test
    void a_value_with_more_digits_than_float32_keeps_travels_as_json_with_every_digit() {
        assertThat(Readings.of(21.123456789)).isEqualTo(new JsonReading("{\"value\":21.123456789}"));
        assertThat(Readings.of(1.0e39)).isEqualTo(new JsonReading("{\"value\":1.0E39}"));
    }

    @Test
    void integers_outside_the_unsigned_32_bit_range_travel_as_json() {
        assertThat(Readings.of(4_294_967_295L)).isEqualTo(new IntegerReading(4_294_967_295L));
        assertThat(Readings.of(-1L)).isEqualTo(new JsonReading("{\"value\":-1}"));
        assertThat(Readings.of(true)).isEqualTo(new IntegerReading(1));
    }

    @Test
    void not_a_number_and_infinity_travel_as_float_because_json_cannot_hold_them() {
        assertThat(Readings.of(Double.NaN)).isInstanceOf(FloatReading.class);
        assertThat(Readings.of(Double.POSITIVE_INFINITY)).isEqualTo(new FloatReading(Float.POSITIVE_INFINITY));
    }
}
