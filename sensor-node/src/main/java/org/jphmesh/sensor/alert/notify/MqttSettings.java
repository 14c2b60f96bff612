package org.jphmesh.sensor.alert.notify;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jphmesh.app.mqtt.MqttBroker;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.frame.Codifier;

/**
 * A {@code Notify.Mqtt} block: the broker as {@link MqttBroker} reads it, {@code Topic} (default
 * {@value #DEFAULT_TOPIC}; each notification goes to {@code <Topic>/<alert codifier>}), {@code Retain} (default false)
 * and {@code Timeout} (seconds to wait for the broker's acknowledgement, default 10).
 *
 * @param clientIdGiven whether the block names its {@code ClientId}; if not, the node's codifier goes into the default
 */
record MqttSettings(String label, MqttBroker broker, boolean clientIdGiven, String topic, boolean retain, Duration timeout) {

    static final String DEFAULT_TOPIC = "jph/alerts";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
    static final Set<String> KEYS;

    static {
        Set<String> keys = new HashSet<>(MqttBroker.KEYS);
        keys.addAll(Set.of("Topic", "Retain", "Timeout"));
        KEYS = Set.copyOf(keys);
    }

    MqttSettings {
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(timeout, "timeout");
    }

    static MqttSettings read(ConfigBlock block) {
        KnownKeys.check(block, KEYS);
        String label = block.label();
        String topic = block.text("Topic", DEFAULT_TOPIC).strip();
        // MQTT-4.7.1-1: wildcards are for subscriptions; a publish names one topic.
        if (topic.isEmpty() || topic.contains("+") || topic.contains("#") || topic.endsWith("/")) {
            throw new ConfigException(label + ".Topic must be a topic without + or # and without a trailing /, not '"
                    + topic + "'");
        }
        return new MqttSettings(label, MqttBroker.read(block, clientId("jph")), block.has("ClientId"), topic,
                block.bool("Retain", false), block.seconds("Timeout", DEFAULT_TIMEOUT));
    }

    /** The broker, with {@code node} in the client id unless the block names one. */
    MqttBroker broker(Codifier node) {
        if (clientIdGiven) {
            return broker;
        }
        return new MqttBroker(broker.url(), broker.username(), broker.password(), broker.caFile(), clientId("jph-" + node.value()));
    }

    // A random tail: two alerts nodes started with one config must not take each other's session.
    private static String clientId(String head) {
        return head + "-notify-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
