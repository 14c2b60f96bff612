package org.jphmesh.app.mqtt;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program's publish/subscribe session with an MQTT broker (Eclipse Paho), the one every MQTT user of the mesh
 * shares: the dashboard's bridge, the {@code MqttInput} driver, an alert notifier. It connects in the background
 * and never makes its owner wait, retries with back-off ({@value #FIRST_RETRY_MILLIS} ms doubling to a minute)
 * for the first connection and after every loss, subscribes again each time (clean session: the broker keeps
 * nothing for us), and may leave a will. Paho's own automatic reconnect is not used: it only starts after a first
 * success, and one retry path is easier to reason about than two.
 */
public final class MqttConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    /** At least once: every message of the mesh is a state or a command that a duplicate does not harm. */
    public static final int QOS = 1;
    public static final long FIRST_RETRY_MILLIS = 1_000;
    public static final long MAX_RETRY_MILLIS = 60_000;
    private static final int MAX_INFLIGHT = 100;

    /** What the connection tells its owner; all on Paho's threads, so each must return at once. */
    public interface Events {
        /** Connected (again) and subscribed: the time to publish the full state. */
        default void connected() {
        }

        void message(String topic, MqttMessage message);

        /** A publish was acknowledged ({@code true}) or lost with the connection. */
        default void delivered(boolean ok) {
        }
    }

    /**
     * The message the broker publishes for us when the connection dies ({@code offline} on an availability
     * topic); {@link #close()} publishes it too, since a clean disconnect does not fire the will.
     */
    public record Will(String topic, String payload) {

        byte[] bytes() {
            return payload.getBytes(StandardCharsets.UTF_8);
        }
    }

    private final String self;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final List<String> subscriptions;
    private final Will will;
    private final Events events;
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 60_000);
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jph-mqtt-connect", true));
    private final IMqttActionListener delivery;
    private volatile long retryMillis = FIRST_RETRY_MILLIS;
    private volatile boolean closed;

    /**
     * A connection for {@code self} (the codifier, in logs) to {@code broker}, subscribing to {@code subscriptions}
     * (topic filters) at QoS 1 on every connect; {@code will} may be {@code null}. Nothing happens until {@link #start()}.
     */
    public MqttConnection(String self, MqttBroker broker, Will will, List<String> subscriptions, Events events) {
        this.self = self;
        this.will = will;
        this.subscriptions = List.copyOf(subscriptions);
        this.events = events;
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(MAX_INFLIGHT);
        if (will != null) {
            options.setWill(will.topic(), will.bytes(), QOS, true);
        }
        options.setHttpsHostnameVerificationEnabled(true);
        if (broker.username() != null) {
            options.setUserName(broker.username());
        }
        if (broker.password() != null) {
            options.setPassword(broker.password().toCharArray());
        }
        if (broker.caFile() != null) {
            options.setSocketFactory(MqttTls.trusting(broker.caFile(), "CaFile"));
        }
        try {
            client = new MqttAsyncClient(broker.url(), broker.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new ConfigException("MQTT: cannot use " + broker.url() + " as client " + broker.clientId() + ": "
                    + e.getMessage());
        }
        delivery = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                events.delivered(true);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                LOG.debug("{} - MQTT publish failed: {}", self, cause == null ? "" : cause.getMessage());
                events.delivered(false);
            }
        };
        client.setCallback(new Callback());
    }

    /** Starts connecting in the background; returns at once. */
    public void start() {
        retry(0);
    }

    public boolean isConnected() {
        return client.isConnected();
    }

    /** The broker's URL, for messages. */
    public String serverUri() {
        return client.getServerURI();
    }

    /**
     * Hands a message to Paho at QoS 1; false when it cannot take it now (not connected, or {@value #MAX_INFLIGHT}
     * messages await their PUBACK), so the caller keeps it for later. Any other failure is logged and the message
     * dropped (true).
     */
    public boolean publish(String topic, byte[] payload, boolean retained) {
        try {
            client.publish(topic, payload, QOS, retained, null, delivery);
            return true;
        } catch (MqttException e) {
            int reason = e.getReasonCode();
            if (reason == MqttException.REASON_CODE_MAX_INFLIGHT || reason == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED
                    || reason == MqttException.REASON_CODE_CLIENT_DISCONNECTING
                    || reason == MqttException.REASON_CODE_CONNECTION_LOST) {
                return false;
            }
            failures.warn("publish", "{} - MQTT publish to {} failed: {}", self, topic, e.toString());
            return true;
        }
    }

    /**
     * Publishes at QoS 1 and waits up to {@code timeout} for the broker's PUBACK, for an owner that keeps the message
     * until the broker has it (an alert notifier's outbox). Throws when not connected, when Paho refuses the message,
     * or when no PUBACK came in time (the broker may still have it: at least once).
     */
    public void publishAcknowledged(String topic, byte[] payload, boolean retained, Duration timeout) throws MqttException {
        client.publish(topic, payload, QOS, retained, null, delivery).waitForCompletion(timeout.toMillis());
    }

    private void retry(long delayMillis) {
        if (closed) {
            return;
        }
        try {
            retries.schedule(this::connect, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closing: nothing more to connect.
        }
    }

    private void connect() {
        if (closed) {
            return;
        }
        try {
            client.connect(options, null, new IMqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    retryMillis = FIRST_RETRY_MILLIS;
                }

                @Override
                public void onFailure(IMqttToken token, Throwable cause) {
                    failed(cause);
                }
            });
        } catch (MqttException e) {
            failed(e);
        }
    }

    private void failed(Throwable cause) {
        long delay = retryMillis;
        retryMillis = nextRetryMillis(delay);
        failures.warn("connect", "{} - cannot reach the MQTT broker {}: {}; retrying in {} ms", self, client.getServerURI(),
                cause == null ? "no reason given" : cause.getMessage(), delay);
        retry(delay);
    }

    /** The wait after one that lasted {@code millis}: twice as long, at most {@value #MAX_RETRY_MILLIS} ms. */
    static long nextRetryMillis(long millis) {
        return Math.min(millis * 2, MAX_RETRY_MILLIS);
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            LOG.info("{} - connected to the MQTT broker {}", self, serverUri);
            try {
                if (!subscriptions.isEmpty()) {
                    client.subscribe(subscriptions.toArray(String[]::new), subscriptions.stream().mapToInt(s -> QOS).toArray());
                }
            } catch (MqttException e) {
                LOG.warn("{} - MQTT subscribe to {} failed: {}", self, subscriptions, e.getMessage());
            }
            events.connected();
        }

        @Override
        public void connectionLost(Throwable cause) {
            LOG.warn("{} - lost the MQTT broker {}: {}; reconnecting", self, client.getServerURI(),
                    cause == null ? "" : cause.getMessage());
            retry(retryMillis);
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            events.message(topic, message);
        }

        @Override
        public void deliveryComplete(IMqttDeliveryToken token) {
            // Counted through the publish listener, which also hears failures.
        }
    }

    /** Publishes the will itself (a clean disconnect does not fire it), then disconnects. */
    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        try {
            if (client.isConnected()) {
                if (will != null) {
                    client.publish(will.topic(), will.bytes(), QOS, true).waitForCompletion(2_000);
                }
                client.disconnect(1_000).waitForCompletion(2_000);
            }
        } catch (MqttException e) {
            LOG.debug("{} - MQTT disconnect: {}", self, e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            LOG.debug("{} - MQTT close: {}", self, e.getMessage());
        }
    }
}
