package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.jphmesh.bus.config.DataType;
import org.jphmesh.web.state.SensorStatus;
import org.jphmesh.web.state.SensorView;
import org.junit.jupiter.api.Test;

class MqttPayloadsTest {

    private static SensorView reading(Double value, String text) {
        return new SensorView("T1", "T1", "T1 long", "C", "TempLinux", "T1", false, value, text, 1_000L, 7L, 1_000L, true,
                SensorStatus.OK, 60_000, 60_000, 60_000L, "°C", "float", null);
    }

    @Test
    void numbers_are_plain_text_without_needless_zeros() {
        assertThat(MqttPayloads.number(21.5)).isEqualTo("21.5");
        assertThat(MqttPayloads.number(22.0)).isEqualTo("22");
        assertThat(MqttPayloads.number(1e-7)).isEqualTo("0.0000001");
        assertThat(MqttPayloads.number(1e20)).isEqualTo("100000000000000000000");
        assertThat(MqttPayloads.number(-0.0)).isEqualTo("0");
        assertThat(MqttPayloads.number(Double.NaN)).isEqualTo("None");
    }

    @Test
    void text_readings_publish_their_text_unless_a_numeric_entry_can_have_the_number() {
        assertThat(MqttPayloads.state(reading(null, "open"), DataType.TEXT)).contains("open");
        assertThat(MqttPayloads.state(reading(3.0, "{\"value\":3}"), DataType.JSON)).contains("{\"value\":3}");
        assertThat(MqttPayloads.state(reading(3.0, "{\"value\":3}"), DataType.FLOAT)).contains("3");
        assertThat(MqttPayloads.state(reading(null, "n/a"), DataType.FLOAT)).contains("n/a");
        assertThat(MqttPayloads.state(reading(18.25, null), null)).contains("18.25");
    }

    @Test
    void a_sensor_without_a_reading_has_no_state() {
        SensorView never = new SensorView("T1", "T1", "T1", "", "unknown", "T1", false, null, null, null, null, null, null,
                SensorStatus.UNKNOWN, 60_000, 60_000, null, "", null, null);

        assertThat(MqttPayloads.state(never, DataType.FLOAT)).isEmpty();
        assertThat(MqttPayloads.availability(SensorStatus.UNKNOWN)).isEqualTo("offline");
        assertThat(MqttPayloads.availability(SensorStatus.STALE)).isEqualTo("online");
        assertThat(MqttPayloads.availability(SensorStatus.HALTED)).isEqualTo("offline");
    }

    @Test
    void the_attributes_of_a_sensor_with_states_name_the_word_its_value_stands_for() throws Exception {
        SensorView door = new SensorView("D1", "Door", "Shed door", "", "Simulated", "D1", false, 1.0, null, 1_000L, 7L,
                1_000L, true, SensorStatus.OK, 60_000, 60_000, 2_000L, "", "integer", java.util.Map.of("0", "closed", "1", "open"));

        assertThat(MqttPayloads.state(door, DataType.INTEGER)).contains("1");
        assertThat(MqttPayloads.JSON.readTree(MqttPayloads.attributes(door)).path("label").asText()).isEqualTo("open");
    }
}
