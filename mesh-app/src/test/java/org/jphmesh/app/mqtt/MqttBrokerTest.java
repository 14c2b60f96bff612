package org.jphmesh.app.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MqttBrokerTest {

    @TempDir
    Path dir;

    private static MqttBroker read(String json) throws IOException {
        return MqttBroker.read(ConfigBlock.of(new ObjectMapper().readTree(json), "Sensors (M1).Sensor"), "jph-M1");
    }

    @Test
    void the_older_key_broker_is_read_as_url() throws IOException {
        assertThat(read("{\"Broker\":\"tcp://127.0.0.1:1884\"}").url()).isEqualTo("tcp://127.0.0.1:1884");
        assertThat(read("{\"Url\":\"tcp://127.0.0.1:1884\"}").url()).isEqualTo("tcp://127.0.0.1:1884");
        assertThat(read("{}").url()).isEqualTo(MqttBroker.DEFAULT_URL);
    }

    @Test
    void url_and_broker_together_are_refused_naming_both() {
        assertThatThrownBy(() -> read("{\"Url\":\"tcp://127.0.0.1\",\"Broker\":\"tcp://127.0.0.1:1884\"}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Sensors (M1).Sensor.Broker is the older name of Url: give one of them, not both");
    }

    @Test
    void an_error_in_the_older_key_names_that_key() {
        assertThatThrownBy(() -> read("{\"Broker\":\"http://127.0.0.1\"}"))
                .hasMessageStartingWith("Sensors (M1).Sensor.Broker must start with tcp://, ssl://, ws:// or wss://");
    }

    @Test
    void the_password_is_the_first_line_of_its_file_for_every_user_of_mqtt() throws IOException {
        Path file = dir.resolve("password");
        Files.writeString(file, " s3cret \nsecond line\n");

        MqttBroker broker = read("{\"Username\":\"u\",\"PasswordFile\":\"" + file + "\"}");

        assertThat(broker.password()).isEqualTo("s3cret");
        assertThat(broker.toString()).doesNotContain("s3cret");
    }

    @Test
    void a_websocket_url_may_have_a_path_and_a_tcp_url_may_not() throws IOException {
        assertThat(read("{\"Url\":\"ws://127.0.0.1:9001/mqtt\"}").url()).isEqualTo("ws://127.0.0.1:9001/mqtt");
        assertThatThrownBy(() -> read("{\"Url\":\"tcp://127.0.0.1:1883/mqtt\"}"))
                .hasMessageContaining("must be scheme://host[:port] only");
    }

    @Test
    void the_client_id_defaults_to_the_one_given_and_may_be_set() throws IOException {
        assertThat(read("{}").clientId()).isEqualTo("jph-M1");
        assertThat(read("{\"ClientId\":\"garden\"}").clientId()).isEqualTo("garden");
    }

    @Test
    void a_host_off_the_allow_list_is_reported_for_the_caller_to_judge() throws IOException {
        assertThat(read("{\"Url\":\"tcp://broker.example:1883\"}").refusal()).hasValueSatisfying(
                reason -> assertThat(reason).contains("broker.example"));
        assertThat(read("{}").refusal()).isEmpty();
    }
}
