package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.web.command.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MqttSettingsTest {

    @TempDir
    Path dir;

    private static SensorConfig entry(String sensorBlock) {
        String json = "{\"Sensors\":[{\"Codifier\":\"CF\",\"Type\":\"Web\",\"Sensor\":" + sensorBlock + "}]}";
        return ConfigLoader.parse(json, "test").sensor(Codifier.of("CF")).orElseThrow();
    }

    private static Optional<MqttSettings> settings(String mqttBlock) {
        return MqttSettings.fromEntry(entry("{\"Mqtt\":" + mqttBlock + "}"));
    }

    @Test
    void an_empty_block_takes_every_default() {
        MqttSettings settings = settings("{}").orElseThrow();

        assertThat(settings.broker().url()).isEqualTo("tcp://127.0.0.1:1883");
        assertThat(settings.topicPrefix()).isEqualTo("jph");
        assertThat(settings.discoveryPrefix()).isEqualTo("homeassistant");
        assertThat(settings.discoveryEnabled()).isTrue();
        assertThat(settings.broker().clientId()).isEqualTo("jph-web-CF");
        assertThat(settings.queueCapacity()).isEqualTo(10_000);
        assertThat(settings.commands()).containsExactlyInAnyOrder(Command.ping, Command.halt, Command.start, Command.set,
                Command.step);
        assertThat(settings.allows(Command.reload)).isFalse();
        assertThat(settings.broker().username()).isNull();
        assertThat(settings.broker().password()).isNull();
        assertThat(settings.broker().caFile()).isNull();
        assertThat(settings.commandTargets()).isEmpty();
        assertThat(settings.commandHeardCodifiers()).isFalse();
        assertThat(settings.publishHeardCodifiers()).isFalse();
    }

    @Test
    void by_default_only_codifiers_with_a_config_entry_may_be_commanded_and_are_published() {
        MqttSettings settings = settings("{}").orElseThrow();

        assertThat(settings.allowsTarget("Q5", true)).isTrue();
        assertThat(settings.allowsTarget("ZZ", false)).as("a codifier only heard on the bus").isFalse();
        assertThat(settings.allowsTarget("@@", false)).as("broadcast only when listed").isFalse();
        assertThat(settings.publishes(true)).isTrue();
        assertThat(settings.publishes(false)).isFalse();
    }

    @Test
    void codifiers_only_heard_are_commanded_and_published_only_when_opted_in() {
        MqttSettings commanding = settings("{\"CommandHeardCodifiers\":true}").orElseThrow();
        MqttSettings publishing = settings("{\"PublishHeardCodifiers\":true}").orElseThrow();

        assertThat(commanding.allowsTarget("ZZ", false)).isTrue();
        assertThat(commanding.publishes(false)).isFalse();
        assertThat(publishing.publishes(false)).isTrue();
        assertThat(publishing.allowsTarget("ZZ", false)).isFalse();
    }

    @Test
    void command_codifiers_name_exactly_who_may_be_commanded_and_cannot_be_widened() {
        MqttSettings listed = settings("{\"CommandCodifiers\":[\"Q5\",\"@@\"]}").orElseThrow();

        assertThat(listed.allowsTarget("Q5", true)).isTrue();
        assertThat(listed.allowsTarget("@@", false)).isTrue();
        assertThat(listed.allowsTarget("T1", true)).as("an entry not listed").isFalse();
        assertThatThrownBy(() -> settings("{\"CommandCodifiers\":[\"Q5\"],\"CommandHeardCodifiers\":true}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Sensors (CF).Sensor.Mqtt.CommandHeardCodifiers cannot widen CommandCodifiers");
    }

    @Test
    void numbers_written_as_text_are_read_as_the_rest_of_the_config_reads_them() {
        assertThat(settings("{\"QueueCapacity\":\"50\"}").orElseThrow().queueCapacity()).isEqualTo(50);
    }

    @Test
    void no_block_or_false_or_null_means_no_bridge() {
        assertThat(MqttSettings.fromEntry(entry("{}"))).isEmpty();
        assertThat(settings("false")).isEmpty();
        assertThat(settings("null")).isEmpty();
    }

    @Test
    void every_key_is_read() {
        MqttSettings settings = settings("{\"Url\":\"ssl://localhost:8883\",\"Username\":\"dash\",\"TopicPrefix\":\"home/jph\","
                + "\"DiscoveryPrefix\":\"ha\",\"ClientId\":\"dash-1\",\"QueueCapacity\":50,"
                + "\"Commands\":[\"Ping\",\"reload\"]}").orElseThrow();

        assertThat(settings.broker().url()).isEqualTo("ssl://localhost:8883");
        assertThat(settings.broker().username()).isEqualTo("dash");
        assertThat(settings.topicPrefix()).isEqualTo("home/jph");
        assertThat(settings.discoveryPrefix()).isEqualTo("ha");
        assertThat(settings.broker().clientId()).isEqualTo("dash-1");
        assertThat(settings.queueCapacity()).isEqualTo(50);
        assertThat(settings.commands()).containsExactlyInAnyOrder(Command.ping, Command.reload);
    }

    @Test
    void a_broker_off_this_machine_is_refused_while_the_test_allow_list_is_set() {
        assertThatThrownBy(() -> settings("{\"Url\":\"tcp://broker.example:1883\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Sensor.Mqtt.Url").hasMessageContaining("host broker.example refused");
    }

    @Test
    void discovery_is_off_with_false_or_null_and_default_with_true() {
        assertThat(settings("{\"DiscoveryPrefix\":false}").orElseThrow().discoveryEnabled()).isFalse();
        assertThat(settings("{\"DiscoveryPrefix\":null}").orElseThrow().discoveryPrefix()).isNull();
        assertThat(settings("{\"DiscoveryPrefix\":true}").orElseThrow().discoveryPrefix()).isEqualTo("homeassistant");
    }

    @Test
    void the_password_is_the_first_line_of_its_file_and_never_printed() throws Exception {
        Path file = dir.resolve("mqtt-password");
        Files.writeString(file, "  s3cret \nsecond line\n");

        MqttSettings settings = settings("{\"Username\":\"dash\",\"PasswordFile\":\"" + file + "\"}").orElseThrow();

        assertThat(settings.broker().password()).isEqualTo("s3cret");
        assertThat(settings.toString()).doesNotContain("s3cret").contains("****");
    }

    @Test
    void a_private_ca_is_loaded_from_its_pem_file() throws Exception {
        Path ca = Path.of(getClass().getResource("/mqtt/ca.pem").toURI());

        MqttSettings settings = settings("{\"Url\":\"ssl://127.0.0.1:8883\",\"CaFile\":\"" + ca + "\"}").orElseThrow();

        assertThat(settings.broker().caFile()).isEqualTo(ca);
        assertThat(org.jphmesh.app.mqtt.MqttTls.trusting(ca, "CaFile")).isNotNull();
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
            "Url             | \"http://127.0.0.1:1883\" | must start with tcp://, ssl://, ws:// or wss://",
            "Url             | \"tcp://user:pw@host\"     | must be scheme://host[:port] only",
            "Url             | \"tcp://host/path\"        | must be scheme://host[:port] only",
            "Url             | 1883                     | must start with tcp://, ssl://, ws:// or wss://, not '1883'",
            "Url             | \"tcp://127.0.0.1:99999\" | a port is 1..65535",
            "TopicPrefix     | \"jph/#\"                  | must not contain the wildcards",
            "TopicPrefix     | \"j+h\"                    | must not contain the wildcards",
            "TopicPrefix     | \"/jph\"                   | must not start or end with /",
            "TopicPrefix     | \"jph/\"                   | must not start or end with /",
            "TopicPrefix     | \"a//b\"                   | empty level",
            "TopicPrefix     | \"\"                       | must not be empty",
            "TopicPrefix     | \"$SYS\"                   | must not start with $",
            "DiscoveryPrefix | \"ha/+\"                   | must not contain the wildcards",
            "DiscoveryPrefix | 5                        | must be a topic prefix",
            "ClientId        | \"  \"                     | must not be empty",
            "QueueCapacity   | 0                        | must be a whole number of messages >= 1",
            "QueueCapacity   | 2.5                      | must be a whole number, not 2.5",
            "QueueCapacity   | \"many\"                   | must be a number, not \"many\"",
            "QueueCapacity   | -3                       | must be a whole number of messages >= 1",
            "CommandCodifiers | \"Q5\"                   | must be a list of codifiers",
            "CommandCodifiers[1] | [\"Q5\",\"Q55\"]       | must be a codifier like \"Q5\", not \"Q55\"",
            "CommandCodifiers[0] | [5]                  | must be a codifier like \"Q5\", not 5",
            "CommandHeardCodifiers | \"yes\"            | must be true or false",
            "PublishHeardCodifiers | 2                  | must be true or false",
            "Commands        | \"ping\"                   | must be a list of command names",
            "Commands[1]     | [\"ping\",\"jump\"]          | must be one of ping, halt, start, reload, set, step",
            "PasswordFile    | \"/nonexistent/jph-mqtt\"  | cannot be read",
            "Password        | \"plain\"                  | is not read: put the password in a file",
            "TopicPrefx      | \"jph\"                    | is not a key of the MQTT bridge",
    })
    void a_bad_value_is_refused_with_the_key_named(String key, String json, String problem) {
        String name = key.replaceAll("\\[\\d+]$", "");

        assertThatThrownBy(() -> settings("{\"" + name + "\":" + json + "}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Sensors (CF).Sensor.Mqtt." + key + " ")
                .hasMessageContaining(problem);
    }

    @Test
    void a_ca_file_needs_tls_and_must_hold_a_certificate() throws Exception {
        Path notPem = dir.resolve("ca.pem");
        Files.writeString(notPem, "not a certificate\n");

        assertThatThrownBy(() -> settings("{\"CaFile\":\"" + notPem + "\"}"))
                .hasMessageStartingWith("Sensors (CF).Sensor.Mqtt.CaFile is only used with an ssl:// or wss:// Url");
        assertThatThrownBy(() -> settings("{\"Url\":\"ssl://127.0.0.1\",\"CaFile\":\"" + notPem + "\"}"))
                .hasMessageStartingWith("Sensors (CF).Sensor.Mqtt.CaFile names " + notPem);
        assertThatThrownBy(() -> settings("{\"Url\":\"ssl://127.0.0.1\",\"CaFile\":\"" + dir.resolve("missing.pem") + "\"}"))
                .hasMessageStartingWith("Sensors (CF).Sensor.Mqtt.CaFile names").hasMessageContaining("cannot be read");
    }

    @Test
    void a_block_that_is_not_an_object_is_refused() {
        assertThatThrownBy(() -> settings("\"tcp://127.0.0.1\""))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Sensors (CF).Sensor.Mqtt must be an object");
    }
}
