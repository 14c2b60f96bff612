package org.jphmesh.sensor.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jphmesh.sensor.alert.notify.Notifications.firing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.testing.TcpProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The MQTT channel against the real Mosquitto on 127.0.0.1:1883, under a topic prefix of its own. */
class MqttNotifierIT {

    private static final int BROKER_PORT = 1883;
    private static final String LABEL = "Sensors (AL).Sensor.Notify";

    /** One message as the subscriber got it. */
    private record Received(String topic, String payload, int qos, boolean retained) {
    }

    @TempDir
    Path folder;

    private final String prefix = "jph-test/" + UUID.randomUUID() + "/alerts";
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private MqttClient subscriber;

    @BeforeEach
    void subscribe() throws MqttException {
        subscriber = new MqttClient("tcp://127.0.0.1:" + BROKER_PORT, "jph-test-sub-" + UUID.randomUUID(), new MemoryPersistence());
        subscriber.connect();
        subscriber.subscribe(prefix + "/#", 1, (topic, message) -> received.add(new Received(topic,
                new String(message.getPayload(), StandardCharsets.UTF_8), message.getQos(), message.isRetained())));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        subscriber.disconnect();
        subscriber.close();
    }

    private List<Notifier> channels(int port) throws IOException {
        String block = "{\"Mqtt\": {\"Url\": \"tcp://127.0.0.1:" + port + "\", \"Topic\": \"" + prefix + "\"}}";
        return NotifySettings.read(ConfigBlock.of(new ObjectMapper().readTree(block), LABEL)).notifiers(Codifier.of("AL"));
    }

    private NotificationOutbox open(List<Notifier> channels) {
        NotificationOutbox outbox = NotificationOutbox.open(LABEL, folder, channels, Clock.systemUTC());
        resources.add(outbox);
        return outbox;
    }

    @Test
    void a_subscriber_receives_the_json_on_the_topic_of_the_alert() throws IOException {
        NotificationOutbox outbox = open(channels(BROKER_PORT));

        outbox.submit(firing(1));

        await().atMost(Duration.ofSeconds(15)).until(() -> received.size() == 1);
        assertThat(received.get(0)).isEqualTo(new Received(prefix + "/W1", NotificationJson.text(firing(1)), 1, false));
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.counters().channel("mqtt").delivered() == 1);
    }

    @Test
    void while_the_broker_cannot_be_reached_delivery_fails_and_the_outbox_delivers_once_it_is_back() throws Exception {
        TcpProxy proxy = new TcpProxy(BROKER_PORT);
        resources.add(0, proxy);
        proxy.cut();
        List<Notifier> channels = channels(proxy.port());

        assertThatThrownBy(() -> channels.get(0).deliver(firing(1))).isInstanceOf(MqttException.class)
                .hasMessageContaining("not connected");

        NotificationOutbox outbox = open(channels);
        outbox.submit(firing(2));
        await().atMost(Duration.ofSeconds(15)).until(() -> outbox.counters().channel("mqtt").failedAttempts() >= 2);
        assertThat(outbox.counters().channel("mqtt").queued()).isEqualTo(1);
        assertThat(received).isEmpty();

        proxy.restore();

        await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == 1);
        assertThat(received.get(0).payload()).isEqualTo(NotificationJson.text(firing(2)));
        await().atMost(Duration.ofSeconds(5)).until(() -> outbox.counters().channel("mqtt").queued() == 0);
    }
}
