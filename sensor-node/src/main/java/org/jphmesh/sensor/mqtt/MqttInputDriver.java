package org.jphmesh.sensor.mqtt;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SecretFile;
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
 * (Z-Wave JS UI, Zigbee2MQTT) and Home Assistant are reached. {@code Broker} (default
 * {@code tcp://127.0.0.1:1883}), {@code Topic}, optional {@code Pointer} (a JSON pointer into the payload,
 * e.g. {@code /temperature}), {@code Username} and {@code PasswordFile}; each {@code Proxy[]} has its own
 * {@code Topic} and {@code Pointer}. A message is sent at once and repeated every interval until it is
 * older than {@code MaxAge} seconds (default ten intervals). The broker may come and go: the driver
 * reconnects and resubscribes on its own.
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
    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final Duration maxAge;
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jph-mqtt-connect", true));
    private volatile DriverContext context;
    private volatile boolean closed;

    public MqttInputDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.self = entry.code();
        String broker = settings.text("Broker", "tcp://127.0.0.1:1883");
        URI uri = URI.create(broker);
        if (!List.of("tcp", "ssl", "ws", "wss").contains(uri.getScheme())) {
            throw new ConfigException(settings.label() + ".Broker must be tcp://, ssl://, ws:// or wss://, not " + broker);
        }
        NetworkGuard.check(uri, "MqttInput (" + entry.codifier() + ")");
        subscriptions.add(subscription(entry.code(), settings));
        for (ConfigBlock.Proxy proxy : settings.proxies()) {
            subscriptions.add(subscription(proxy.codifier(), proxy.settings()));
        }
        this.maxAge = settings.seconds("MaxAge", entry.interval().multipliedBy(10));
        options.setAutomaticReconnect(true);
        options.setCleanSession(true);
        options.setConnectionTimeout(10);
        settings.optionalText("Username").ifPresent(options::setUserName);
        settings.optionalText("PasswordFile").ifPresent(file -> options.setPassword(password(settings, file)));
        try {
            this.client = new MqttAsyncClient(broker, "jph-" + entry.codifier() + "-" + UUID.randomUUID().toString()
                    .substring(0, 8), new MemoryPersistence());
        } catch (MqttException e) {
            throw new ConfigException(settings.label() + ".Broker " + broker + ": " + e.getMessage());
        }
    }

    private static Subscription subscription(Codifier codifier, ConfigBlock settings) {
        String pointer = settings.text("Pointer", "");
        try {
            return new Subscription(codifier, settings.text("Topic"), pointer.isEmpty() ? null : JsonPointer.compile(pointer));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(settings.label() + ".Pointer is not a JSON pointer (like /temperature): " + pointer);
        }
    }

    // The whole file, as this driver always read it (the bridge reads the first line; issue 14 makes them one).
    private static char[] password(ConfigBlock settings, String file) {
        return SecretFile.whole(file, settings.label() + ".PasswordFile").toCharArray();
    }

    @Override
    public void start(DriverContext driverContext) {
        this.context = driverContext;
        client.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverUri) {
                LOG.info("{} - connected to {}", self, serverUri);
                subscribe();
            }

            @Override
            public void connectionLost(Throwable cause) {
                LOG.warn("{} - lost the MQTT broker: {}; reconnecting", self, cause == null ? "" : cause.getMessage());
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                onMessage(topic, message.getPayload());
            }

            @Override
            public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
            }
        });
        connect();
    }

    // The first connection is retried here; after that Paho's automatic reconnect takes over.
    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    LOG.warn("{} - cannot reach the MQTT broker {}: {}; retrying in 5 s", self, client.getServerURI(),
                            cause == null ? "" : cause.getMessage());
                    retries.schedule(MqttInputDriver.this::connect, 5, TimeUnit.SECONDS);
                }
            });
        } catch (MqttException e) {
            retries.schedule(this::connect, 5, TimeUnit.SECONDS);
        }
    }

    private void subscribe() {
        for (Subscription subscription : subscriptions) {
            try {
                client.subscribe(subscription.topic(), 1);
            } catch (MqttException e) {
                LOG.warn("{} - cannot subscribe to {}: {}", self, subscription.topic(), e.getMessage());
            }
        }
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
            return client.isConnected() ? ReadResult.none()
                    : ReadResult.failed("not connected to the MQTT broker " + client.getServerURI());
        }
        return ReadResult.good(readings);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(1000, 1000);
            }
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("{} - MQTT close: {}", self, e.getMessage());
        }
    }
}
