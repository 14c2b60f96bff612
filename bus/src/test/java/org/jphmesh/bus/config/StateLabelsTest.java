package org.jphmesh.bus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;

class StateLabelsTest {

    private static SensorConfig entry(String extra) {
        return ConfigLoader.parse("{\"Multicast\":{\"Control-Channel\":{\"Address\":\"239.1.2.3\",\"Port\":1234},"
                + "\"Data-Channel\":{\"Address\":\"239.1.2.4\",\"Port\":1235}},\"Sensors\":[{\"Codifier\":\"D1\","
                + "\"Type\":\"Simulated\"" + extra + "}]}", "t").sensor(Codifier.of("D1")).orElseThrow();
    }

    @Test
    void a_door_entry_names_its_values_whatever_spelling_the_number_has() {
        StateLabels states = StateLabels.of(entry(",\"DataType\":\"integer\",\"States\":{\"0\":\"closed\",\"1.0\":\"open\"}"));

        assertThat(states.label(0)).contains("closed");
        assertThat(states.label(1.0)).contains("open");
        assertThat(states.label(2)).isEmpty();
        assertThat(states.label(Double.NaN)).isEmpty();
        assertThat(states.labels()).containsOnlyKeys("0", "1");
    }

    @Test
    void a_bool_entry_without_states_reads_off_and_on() {
        StateLabels states = StateLabels.of(entry(",\"DataType\":\"bool\""));

        assertThat(states.label(0)).contains("off");
        assertThat(states.label(1)).contains("on");
    }

    @Test
    void a_float_entry_without_states_has_no_labels() {
        assertThat(StateLabels.of(entry("")).isEmpty()).isTrue();
    }

    @Test
    void a_key_that_is_not_a_number_is_refused_naming_the_entry_and_the_key() {
        assertThatThrownBy(() -> entry(",\"States\":{\"shut\":\"closed\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Sensors[0] (D1).States keys must be numbers, not 'shut'");
    }

    @Test
    void a_label_that_is_not_text_or_a_value_named_twice_is_refused() {
        assertThatThrownBy(() -> entry(",\"States\":{\"0\":1}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("States.0 must be a non-empty label");
        assertThatThrownBy(() -> entry(",\"States\":{\"1\":\"on\",\"1.00\":\"open\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("names the value 1 twice");
        assertThatThrownBy(() -> entry(",\"States\":[\"closed\",\"open\"]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("States must be an object");
    }
}
