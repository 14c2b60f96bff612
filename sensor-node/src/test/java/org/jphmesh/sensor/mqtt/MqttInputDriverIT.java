package org.jphmesh.sensor.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.RecordingDriverContext;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** MqttInput against the real Mosquitto broker on 127.0.0.1:1883, under a topic prefix of its own. */
class MqttInputDriverIT {

    private static final String BROKER = "tcp://127.0.0.1:1883";

    private final String prefix = "jph-test/" + UUID.randomUUID() + "/";
    private final RecordingDriverContext context = new RecordingDriverContext("Z1");
    private final List<Reading> published = context.published;
    private MqttClient gateway;
    private MqttInputDriver driver;

    @BeforeEach
    void connect() throws Exception {
        gateway = new MqttClient(BROKER, "jph-test-gateway-" + UUID.randomUUID(), new MemoryPersistence());
        gateway.connect();
    }

    @AfterEach
    void disconnect() throws Exception {
        if (driver != null) {
            driver.close();
        }
        gateway.disconnect();
        gateway.close();
    }

    private void start(String sensor) {
        MeshConfig config = Entries.config("{\"Codifier\":\"Z1\",\"Type\":\"MqttInput\",\"SensorInterval\":1,"
                + "\"Sensor\":" + sensor + "}");
        driver = new MqttInputDriver(Entries.entry(config, "Z1"), config);
        driver.start(context);
        await().atMost(Duration.ofSeconds(10)).until(driver::isConnected);
        // Subscriptions follow the connection; give the broker the moment a SUBACK takes.
        await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> true);
    }

    private void send(String topic, String payload) throws Exception {
        gateway.publish(prefix + topic, new MqttMessage(payload.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void a_zigbee_style_json_message_is_picked_by_its_pointer_and_sent_at_once_then_repeated() throws Exception {
        start("{\"Broker\":\"" + BROKER + "\",\"Topic\":\"" + prefix + "zigbee2mqtt/garden\",\"Pointer\":\"/temperature\","
                + "\"Proxy\":[{\"Codifier\":\"Z2\",\"Topic\":\"" + prefix + "zigbee2mqtt/garden\",\"Pointer\":\"/humidity\"}]}");

        send("zigbee2mqtt/garden", "{\"temperature\":18.4,\"humidity\":71,\"battery\":97}");

        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 2);
        assertThat(published).containsExactlyInAnyOrder(new Reading(Codifier.of("Z1"), Readings.of(18.4)),
                new Reading(Codifier.of("Z2"), Readings.of(71.0)));
        ReadResult heartbeat = driver.read();
        assertThat(heartbeat.readings()).hasSize(2);
    }

    @Test
    void a_plain_number_payload_is_the_reading_and_nothing_is_sent_before_the_first_message() throws Exception {
        start("{\"Broker\":\"" + BROKER + "\",\"Topic\":\"" + prefix + "zwave/power\"}");
        assertThat(driver.read().status()).isEqualTo(ReadResult.Status.NO_READING);

        send("zwave/power", " 1234.5 ");

        await().atMost(Duration.ofSeconds(5)).until(() -> published.size() == 1);
        assertThat(published.get(0)).isEqualTo(new Reading(Codifier.of("Z1"), Readings.of(1234.5)));
    }

    @Test
    void payload_parsing_handles_text_booleans_and_missing_members() {
        var pointer = com.fasterxml.jackson.core.JsonPointer.compile("/state");
        assertThat(MqttInputDriver.payload("{\"state\":true}", pointer)).isEqualTo(Readings.of(true));
        assertThat(MqttInputDriver.payload("{\"state\":\"ON\"}", pointer)).isEqualTo(Readings.text("ON"));
        assertThat(MqttInputDriver.payload("{\"other\":1}", pointer)).isNull();
        assertThat(MqttInputDriver.payload("closed", null)).isEqualTo(Readings.text("closed"));
    }
}
