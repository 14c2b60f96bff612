package org.jphmesh.web.mqtt;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * A second, independent client on the real broker: it records every message under the test's own topic
 * prefixes, publishes like Home Assistant would, reads what is retained, and at the end deletes every retained
 * message the test left (an empty retained payload).
 */
final class BrokerProbe implements AutoCloseable {

    static final String BROKER = "tcp://127.0.0.1:1883";

    private final List<String> filters;
    private final String marker;
    private final MqttClient client;
    private final Map<String, List<String>> heard = new ConcurrentHashMap<>();

    BrokerProbe(String... prefixes) throws MqttException {
        this.filters = new ArrayList<>();
        for (String prefix : prefixes) {
            filters.add(prefix + "/#");
        }
        this.marker = prefixes[0] + "/probe-marker/" + UUID.randomUUID();
        client = connect();
        client.setCallback(new Recorder(heard, null));
        client.subscribe(filters.toArray(String[]::new), filters.stream().mapToInt(f -> 1).toArray());
    }

    private static MqttClient connect() throws MqttException {
        MqttClient client = new MqttClient(BROKER, "jph-probe-" + UUID.randomUUID(), new MemoryPersistence());
        client.connect();
        return client;
    }

    /** Every payload heard live on {@code topic}, oldest first. */
    List<String> heard(String topic) {
        return List.copyOf(heard.getOrDefault(topic, List.of()));
    }

    /** The last payload heard live on {@code topic}, or null. */
    String latest(String topic) {
        List<String> payloads = heard(topic);
        return payloads.isEmpty() ? null : payloads.get(payloads.size() - 1);
    }

    void publish(String topic, String payload, boolean retained) throws MqttException {
        MqttMessage message = new MqttMessage(payload.getBytes(StandardCharsets.UTF_8));
        message.setQos(1);
        message.setRetained(retained);
        client.publish(topic, message);
    }

    /**
     * Every retained message under the prefixes, as a fresh subscriber receives them. The broker sends the
     * retained messages while handling SUBSCRIBE, before the marker published after it, so when the marker
     * arrives the answer is complete: no waiting for silence.
     */
    Map<String, String> retained() throws Exception {
        MqttClient fresh = connect();
        try {
            Map<String, List<String>> got = new LinkedHashMap<>();
            CountDownLatch done = new CountDownLatch(1);
            fresh.setCallback(new Recorder(got, done));
            List<String> all = new ArrayList<>(filters);
            all.add(marker);
            fresh.subscribe(all.toArray(String[]::new), all.stream().mapToInt(f -> 1).toArray());
            publish(marker, "end", false);
            if (!done.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the marker never came back from the broker");
            }
            Map<String, String> latest = new LinkedHashMap<>();
            synchronized (got) {
                got.forEach((topic, payloads) -> {
                    String last = payloads.get(payloads.size() - 1);
                    if (!topic.equals(marker) && !last.isEmpty()) {
                        latest.put(topic, last);
                    }
                });
            }
            return latest;
        } finally {
            fresh.disconnect();
            fresh.close();
        }
    }

    /** Deletes every retained message under the prefixes. */
    void clearRetained() throws Exception {
        for (String topic : retained().keySet()) {
            publish(topic, "", true);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            clearRetained();
        } finally {
            client.disconnect();
            client.close();
        }
    }

    private final class Recorder implements org.eclipse.paho.client.mqttv3.MqttCallback {
        private final Map<String, List<String>> into;
        private final CountDownLatch markerSeen;

        Recorder(Map<String, List<String>> into, CountDownLatch markerSeen) {
            this.into = into;
            this.markerSeen = markerSeen;
        }

        @Override
        public void connectionLost(Throwable cause) {
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            // A fresh subscriber gets only what is retained, and live messages published after SUBSCRIBE.
            if (markerSeen != null && topic.equals(marker)) {
                markerSeen.countDown();
                return;
            }
            if (markerSeen != null && !message.isRetained()) {
                return;
            }
            synchronized (into) {
                into.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>())
                        .add(new String(message.getPayload(), StandardCharsets.UTF_8));
            }
        }

        @Override
        public void deliveryComplete(org.eclipse.paho.client.mqttv3.IMqttDeliveryToken token) {
        }
    }
}
