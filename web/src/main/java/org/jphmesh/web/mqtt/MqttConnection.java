package org.jphmesh.web.mqtt;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
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
 * The bridge's session with the broker: connects in the background and never makes its owner wait, retries
 * with back-off (1 s doubling to a minute) for the first connection and after every loss, subscribes again
 * each time (clean session: the broker keeps nothing for us), and leaves a retained {@code offline} will on
 * the bridge's availability topic. Paho's own automatic reconnect is not used: it only starts after a first
 * success, and one retry path is easier to reason about than two.
 */
final class MqttConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttConnection.class);
    static final int QOS = 1;
    static final long FIRST_RETRY_MILLIS = 1_000;
    static final long MAX_RETRY_MILLIS = 60_000;
    private static final int MAX_INFLIGHT = 100;

    /** What the connection tells its owner; all on Paho's threads, so each must return at once. */
    interface Events {
        void connected();

        void message(String topic, MqttMessage message);

        void delivered(boolean ok);
    }

    private final String self;
    private final MqttAsyncClient client;
    private final MqttConnectOptions options = new MqttConnectOptions();
    private final List<String> subscriptions;
    private final String willTopic;
    private final Events events;
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 60_000);
    private final ScheduledExecutorService retries =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jph-mqtt-connect", true));
    private final IMqttActionListener delivery;
    private volatile long retryMillis = FIRST_RETRY_MILLIS;
    private volatile boolean closed;

    MqttConnection(String self, MqttSettings settings, String willTopic, List<String> subscriptions, Events events) {
        this.self = self;
        this.willTopic = willTopic;
        this.subscriptions = List.copyOf(subscriptions);
        this.events = events;
        options.setCleanSession(true);
        options.setAutomaticReconnect(false);
        options.setConnectionTimeout(10);
        options.setKeepAliveInterval(30);
        options.setMaxInflight(MAX_INFLIGHT);
        options.setWill(willTopic, MqttTopics.OFFLINE.getBytes(StandardCharsets.UTF_8), QOS, true);
        options.setHttpsHostnameVerificationEnabled(true);
        if (settings.username() != null) {
            options.setUserName(settings.username());
        }
        if (settings.password() != null) {
            options.setPassword(settings.password().toCharArray());
        }
        if (settings.caFile() != null) {
            options.setSocketFactory(MqttTls.trusting(settings.caFile(), "Sensor.Mqtt.CaFile"));
        }
        try {
            client = new MqttAsyncClient(settings.url(), settings.clientId(), new MemoryPersistence());
        } catch (MqttException | IllegalArgumentException e) {
            throw new ConfigException("Sensor.Mqtt: cannot use " + settings.url() + " as client " + settings.clientId()
                    + ": " + e.getMessage());
        }
        delivery = new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                events.delivered(true);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable cause) {
                // Lost with the connection; the snapshot after the reconnect sends every retained topic again.
                LOG.debug("{} - MQTT publish failed: {}", self, cause == null ? "" : cause.getMessage());
                events.delivered(false);
            }
        };
        client.setCallback(new Callback());
    }

    void start() {
        retry(0);
    }

    boolean isConnected() {
        return client.isConnected();
    }

    /**
     * Hands a message to Paho; false when it cannot take it now (not connected, or {@value #MAX_INFLIGHT}
     * messages await their PUBACK), so the caller keeps it for later.
     */
    boolean publish(Outgoing message) {
        try {
            client.publish(message.topic(), message.payload().getBytes(StandardCharsets.UTF_8), QOS, message.retained(),
                    null, delivery);
            return true;
        } catch (MqttException e) {
            int reason = e.getReasonCode();
            if (reason == MqttException.REASON_CODE_MAX_INFLIGHT || reason == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED
                    || reason == MqttException.REASON_CODE_CLIENT_DISCONNECTING
                    || reason == MqttException.REASON_CODE_CONNECTION_LOST) {
                return false;
            }
            failures.warn("publish", "{} - MQTT publish to {} failed: {}", self, message.topic(), e.toString());
            return true;
        }
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
        retryMillis = Math.min(delay * 2, MAX_RETRY_MILLIS);
        failures.warn("connect", "{} - cannot reach the MQTT broker {}: {}; retrying in {} ms", self, client.getServerURI(),
                cause == null ? "no reason given" : cause.getMessage(), delay);
        retry(delay);
    }

    private final class Callback implements MqttCallbackExtended {
        @Override
        public void connectComplete(boolean reconnect, String serverUri) {
            LOG.info("{} - MQTT bridge connected to {}", self, serverUri);
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

    /** Says {@code offline} itself (a clean disconnect does not fire the will), then disconnects. */
    @Override
    public void close() {
        closed = true;
        retries.shutdownNow();
        try {
            if (client.isConnected()) {
                client.publish(willTopic, MqttTopics.OFFLINE.getBytes(StandardCharsets.UTF_8), QOS, true)
                        .waitForCompletion(2_000);
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
