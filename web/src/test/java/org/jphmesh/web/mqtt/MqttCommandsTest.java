package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.web.command.CommandRefusedException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Refusals that happen before a command reaches the command service, read back from the bridge's queue. */
class MqttCommandsTest {

    private static final String LONG = "x".repeat(10_000);

    private final OutboundQueue queue = new OutboundQueue(100);

    private MqttCommands commands(String mqttBlock, Set<String> entries) {
        String json = "{\"Sensors\":[{\"Codifier\":\"CF\",\"Type\":\"Web\",\"Sensor\":{\"Mqtt\":" + mqttBlock + "}}]}";
        SensorConfig entry = ConfigLoader.parse(json, "test").sensor(Codifier.of("CF")).orElseThrow();
        MqttSettings settings = MqttSettings.fromEntry(entry).orElseThrow();
        // No command service: every case here must be refused before one would be asked.
        return new MqttCommands("CF", settings, MqttTopics.of(settings), null, entries::contains, queue, () -> { });
    }

    private JsonNode send(MqttCommands commands, String topic, String payload) throws Exception {
        commands.onMessage(topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8)));
        Outgoing error = Optional.ofNullable(queue.poll()).orElseThrow(() -> new AssertionError("nothing on bridge/error"));
        assertThat(error.topic()).isEqualTo("jph/bridge/error");
        assertThat(error.retained()).isFalse();
        return MqttPayloads.JSON.readTree(error.payload());
    }

    @Test
    void a_codifier_only_heard_on_the_bus_is_refused_by_default() throws Exception {
        MqttCommands commands = commands("{}", Set.of("Q5"));

        JsonNode error = send(commands, "jph/ZZ/cmd", "ping");

        assertThat(error.get("topic").asText()).isEqualTo("jph/ZZ/cmd");
        assertThat(error.get("error").asText()).isEqualTo("ZZ may not be commanded over MQTT: it has no entry in the config"
                + " (Sensor.Mqtt.CommandHeardCodifiers allows codifiers only heard)");
        assertThat(commands.refused()).isEqualTo(1);
        assertThat(commands.sent()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "jph/Q5/cmd | command must be one of",
            "jph/Q5/set | set needs a finite number",
    })
    void a_long_payload_comes_back_cut_to_a_hundred_characters(String topic, String problem) throws Exception {
        JsonNode error = send(commands("{}", Set.of("Q5")), topic, LONG);

        String text = error.get("error").asText();
        assertThat(text).contains(problem).contains("x".repeat(CommandRefusedException.ECHO_CHARS))
                .doesNotContain("x".repeat(CommandRefusedException.ECHO_CHARS + 1)).contains("(10000 characters)");
        assertThat(text.length()).isLessThan(300);
    }

    @Test
    void long_json_values_and_long_topic_levels_are_cut_too() throws Exception {
        MqttCommands commands = commands("{}", Set.of("Q5"));

        JsonNode value = send(commands, "jph/Q5/cmd", "{\"command\":\"step\",\"value\":\"" + LONG + "\"}");
        JsonNode broken = send(commands, "jph/Q5/cmd", "{\"command\":" + LONG);
        JsonNode level = send(commands, "jph/" + LONG + "/cmd", "ping");

        assertThat(value.get("error").asText()).startsWith("'value' must be a number").hasSizeLessThan(300);
        assertThat(broken.get("error").asText()).startsWith("not valid JSON").hasSizeLessThan(300);
        assertThat(level.get("topic").asText()).startsWith("jph/xxx").hasSizeLessThan(300);
        assertThat(level.get("error").asText()).hasSizeLessThan(300);
    }

    @Test
    void a_short_payload_is_echoed_whole() throws Exception {
        JsonNode error = send(commands("{}", Set.of("Q5")), "jph/Q5/cmd", "jump");

        assertThat(error.get("error").asText()).endsWith("not 'jump'");
    }
}
