package org.jphmesh.app.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StateHashFieldsTest {

    @Test
    void a_value_is_a_number_and_a_python_boolean_is_1_or_0() {
        assertThat(StateHashFields.value("21.5")).hasValue(21.5);
        assertThat(StateHashFields.value("True")).hasValue(1);
        assertThat(StateHashFields.value("False")).hasValue(0);
    }

    @Test
    void text_and_a_missing_value_are_no_number() {
        assertThat(StateHashFields.value("open")).isEmpty();
        assertThat(StateHashFields.value("true")).as("Python writes True, not true").isEmpty();
        assertThat(StateHashFields.value(null)).isEmpty();
    }

    @Test
    void timestamps_are_whole_epoch_milliseconds_even_when_written_with_a_fraction() {
        assertThat(StateHashFields.millis("1733400000123")).hasValue(1_733_400_000_123L);
        assertThat(StateHashFields.millis("1733400000123.0")).hasValue(1_733_400_000_123L);
        assertThat(StateHashFields.millis("soon")).isEmpty();
        assertThat(StateHashFields.millis(null)).isEmpty();
    }
}
