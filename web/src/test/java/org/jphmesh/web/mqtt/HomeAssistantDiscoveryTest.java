package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.web.state.SensorStatus;
import org.jphmesh.web.state.SensorView;
import org.junit.jupiter.api.Test;

class HomeAssistantDiscoveryTest {

    private static final MeshConfig MESH = ConfigLoader.parse("{\"Sensors\":["
            + "{\"Codifier\":\"CF\",\"Type\":\"Web\",\"Sensor\":{\"Mqtt\":{\"Url\":\"tcp://127.0.0.1:1883\"}}},"
            + "{\"Codifier\":\"D1\",\"Type\":\"Simulated\",\"DataType\":\"integer\",\"States\":{\"0\":\"closed\",\"1\":\"open\"}},"
            + "{\"Codifier\":\"B1\",\"Type\":\"Simulated\",\"DataType\":\"bool\"},"
            + "{\"Codifier\":\"T1\",\"Type\":\"Simulated\",\"Symbol\":\"C\"}]}", "test");

    private static JsonNode sensorConfig(String code) throws Exception {
        SensorConfig entry = MESH.sensor(Codifier.of(code)).orElseThrow();
        MqttSettings settings = MqttSettings.fromEntry(MESH.sensor(Codifier.of("CF")).orElseThrow()).orElseThrow();
        SensorView view = new SensorView(code, code, code, entry.symbol(), entry.type(), code, false, 1.0, null, 1L, 1L,
                1L, true, SensorStatus.OK, 1, 1, 1L, "", entry.dataType().key(), null);
        return MqttPayloads.JSON.readTree(new HomeAssistantDiscovery(MqttTopics.of(settings), settings)
                .sensor(view, entry, entry).get(0).json());
    }

    @Test
    void a_sensor_with_states_is_an_enum_whose_template_turns_the_number_into_its_word() throws Exception {
        JsonNode door = sensorConfig("D1");

        assertThat(door.path("device_class").asText()).isEqualTo("enum");
        assertThat(door.path("options")).extracting(JsonNode::asText).containsExactly("closed", "open");
        assertThat(door.path("value_template").asText())
                .isEqualTo("{{ {\"0\":\"closed\",\"1\":\"open\"}.get(value, 'None') }}");
        assertThat(door.has("unit_of_measurement")).isFalse();
        assertThat(door.has("state_class")).isFalse();
    }

    @Test
    void a_bool_sensor_reads_off_and_on_and_a_temperature_keeps_its_unit_and_class() throws Exception {
        assertThat(sensorConfig("B1").path("options")).extracting(JsonNode::asText).containsExactly("off", "on");
        JsonNode temperature = sensorConfig("T1");
        assertThat(temperature.path("unit_of_measurement").asText()).isEqualTo("°C");
        assertThat(temperature.path("device_class").asText()).isEqualTo("temperature");
    }
}
