package org.jphmesh.sensor.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.app.mqtt.MqttBroker;
import org.jphmesh.app.mqtt.MqttConnection;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverContext;
import org.jphmesh.sensor.driver.NetworkGuard;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code "Type":"MqttInput"}: the payload of an MQTT topic as a reading; how Z-Wave and Zigbee gateways
 * (Z-Wave JS UI, Zigbee2MQTT) and Home Assistant are reached. The broker as {@link MqttBroker} reads it
 * ({@code Url}, or the older {@code Broker}; {@code Username}, {@code PasswordFile}, {@code CaFile}, {@code ClientId}),
 * {@code Topic}, optional {@code Pointer} (a JSON pointer into the payload, e.g. {@code /temperature}); each
 * {@code Proxy[]} has its own {@code Topic} and {@code Pointer}. A message is sent at once and repeated every
 * interval until it is older than {@code MaxAge} seconds (default ten intervals). The broker may come and go:
 * {@link MqttConnection} reconnects and resubscribes.
 */
public final class MqttInputDriver implements Driver {

    private static final Logger LOG = LoggerFactory.getLogger(MqttInputDriver.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Subscription(Codifier codifier, String topic, JsonPointer pointer) {
    }

    private record Latest(DataPayload payload, long atNanos) {
    }

    private final Codifier self;
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final Map<Codifier, Latest> latest = new ConcurrentHashMap<>();
    private final MqttConnection connection;
    private final Duration maxAge;
    private volatile DriverContext context;

    public MqttInputDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.self = entry.code();
        // A random tail: two nodes started with one config must not take each other's session.
        MqttBroker broker = MqttBroker.read(settings, "jph-" + entry.codifier() + "-" + UUID.randomUUID().toString()
                .substring(0, 8));
        NetworkGuard.check(URI.create(broker.url()), "MqttInput (" + entry.codifier() + ")");
        subscriptions.add(subscription(entry.code(), settings));
        for (ConfigBlock.Proxy proxy : settings.proxies()) {
            subscriptions.add(subscription(proxy.codifier(), proxy.settings()));
        }
        this.maxAge = settings.seconds("MaxAge", entry.interval().multipliedBy(10));
        this.connection = new MqttConnection(entry.codifier(), broker, null,
                subscriptions.stream().map(Subscription::topic).distinct().toList(),
                (topic, message) -> onMessage(topic, message.getPayload()));
    }

    private static Subscription subscription(Codifier codifier, ConfigBlock settings) {
        String pointer = settings.text("Pointer", "");
        try {
            return new Subscription(codifier, settings.text("Topic"), pointer.isEmpty() ? null : JsonPointer.compile(pointer));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(settings.label() + ".Pointer is not a JSON pointer (like /temperature): " + pointer);
        }
    }

    @Override
    public void start(DriverContext driverContext) {
        this.context = driverContext;
        connection.start();
    }

    private void onMessage(String topic, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (Subscription subscription : subscriptions) {
            if (!org.eclipse.paho.client.mqttv3.MqttTopic.isMatched(subscription.topic(), topic)) {
                continue;
            }
            DataPayload payload = payload(text, subscription.pointer());
            if (payload == null) {
                LOG.debug("{} - no value at {} in {}: {}", self, subscription.pointer(), topic, text);
                continue;
            }
            latest.put(subscription.codifier(), new Latest(payload, System.nanoTime()));
            DriverContext current = context;
            if (current != null) {
                current.publish(new Reading(subscription.codifier(), payload));
            }
        }
    }

    static DataPayload payload(String text, JsonPointer pointer) {
        String trimmed = text.trim();
        if (pointer == null) {
            try {
                return Readings.of(Double.parseDouble(trimmed));
            } catch (NumberFormatException e) {
                return trimmed.startsWith("{") || trimmed.startsWith("[") ? Readings.json(trimmed) : Readings.text(trimmed);
            }
        }
        try {
            JsonNode value = JSON.readTree(trimmed).at(pointer);
            if (value.isNumber()) {
                return Readings.of(value.asDouble());
            }
            if (value.isBoolean()) {
                return Readings.of(value.asBoolean());
            }
            return value.isTextual() ? Readings.text(value.asText()) : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public ReadResult read() {
        long now = System.nanoTime();
        List<Reading> readings = new ArrayList<>();
        latest.forEach((codifier, value) -> {
            if (now - value.atNanos() <= maxAge.toNanos()) {
                readings.add(new Reading(codifier, value.payload()));
            }
        });
        if (readings.isEmpty()) {
            return connection.isConnected() ? ReadResult.none()
                    : ReadResult.failed("not connected to the MQTT broker " + connection.serverUri());
        }
        return ReadResult.good(readings);
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    @Override
    public void close() {
        connection.close();
    }
}
