package org.jphmesh.web.mqtt;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jphmesh.bus.config.DataType;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.web.state.MeshView;
import org.jphmesh.web.state.SensorView;

/**
 * Turns the mesh view into the bridge's retained messages, on the publisher thread only (so it needs no
 * locks). It reads the view afresh for each codifier rather than trusting the {@link SensorView} it was
 * told about: notifications from the bus thread and the status ticker can arrive out of order, the view
 * cannot. It remembers what it last queued per topic so availability and attributes go out on change only.
 *
 * <p>A codifier without a config entry publishes nothing, retained or not, unless the settings opt in
 * ({@link MqttSettings#publishes}): a flood of made-up codifiers must not leave thousands of retained topics
 * and Home Assistant entities behind, and one that is only heard has no name, unit or type to show anyway.
 */
final class MeshMessages {

    private final MeshView view;
    private final MqttTopics topics;
    private final OutboundQueue queue;
    private final MqttSettings settings;
    private final HomeAssistantDiscovery discovery;
    private final boolean discoveryEnabled;
    private final Map<String, String> lastPayload = new HashMap<>();
    private final Map<String, String> lastReading = new HashMap<>();
    private final Set<String> discovered = new HashSet<>();
    private final Set<String> discoveredNodes = new HashSet<>();
    private Set<String> configTopics = new HashSet<>();
    private Set<String> sensorCodes = Set.of();

    MeshMessages(MeshView view, MqttTopics topics, MqttSettings settings, OutboundQueue queue) {
        this.view = view;
        this.topics = topics;
        this.queue = queue;
        this.settings = settings;
        this.discovery = new HomeAssistantDiscovery(topics, settings);
        this.discoveryEnabled = settings.discoveryEnabled();
    }

    /** After a (re)connect: the broker may have lost its retained messages, so send everything again. */
    void everything() {
        lastPayload.clear();
        lastReading.clear();
        queue.offer(Outgoing.status(topics.bridgeAvailability(), MqttTopics.ONLINE));
        if (discoveryEnabled) {
            discovery();
        } else {
            sensorCodes = codes(view.sensors());
        }
        for (String code : sensorCodes) {
            changed(code);
        }
    }

    /** Every discovery config again (Home Assistant restarted, or the config was reloaded); vanished entities removed. */
    void discovery() {
        List<SensorView> sensors = view.sensors();
        sensorCodes = codes(sensors);
        if (!discoveryEnabled) {
            return;
        }
        Set<String> previous = configTopics;
        configTopics = new HashSet<>();
        discovered.clear();
        discoveredNodes.clear();
        for (SensorView sensor : sensors) {
            if (publishes(sensor.code())) {
                discover(sensor);
            }
        }
        previous.removeAll(configTopics);
        // An empty retained config is how Home Assistant is told an entity is gone.
        previous.forEach(topic -> queue.offer(Outgoing.status(topic, "")));
    }

    /** One codifier changed: its reading, its status, or its node's active state. */
    void changed(String code) {
        SensorView sensor = view.view(Codifier.of(code));
        if (sensor.active() != null && publishes(sensor.node())) {
            onChange(topics.active(sensor.node()), MqttPayloads.active(sensor.active()));
        }
        if (!publishes(code)) {
            return;
        }
        boolean isSensor = sensor.readingAt() != null || sensorCodes.contains(code);
        if (!isSensor) {
            return;
        }
        if (discoveryEnabled && !discovered.contains(code)) {
            discover(sensor);
        }
        if (sensor.readingAt() != null) {
            String reading = sensor.readingAt() + "/" + sensor.sequence();
            // A rule's state is its JSON document even when the rule has an entry of its own (whose DataType says float).
            DataType type = isRule(code) ? null
                    : view.config().sensor(Codifier.of(code)).map(SensorConfig::dataType).orElse(null);
            if (!reading.equals(lastReading.put(code, reading))) {
                MqttPayloads.state(sensor, type).ifPresent(state -> queue.offer(Outgoing.reading(topics.state(code), state)));
            }
            String attributes = MqttPayloads.attributes(sensor);
            if (!attributes.equals(lastPayload.put(topics.attributes(code), attributes))) {
                queue.offer(Outgoing.reading(topics.attributes(code), attributes));
            }
        }
        onChange(topics.availability(code), MqttPayloads.availability(sensor.status()));
    }

    private void discover(SensorView sensor) {
        MeshConfig config = view.config();
        SensorConfig entry = config.sensor(Codifier.of(sensor.code())).orElse(null);
        SensorConfig nodeEntry = config.sensor(Codifier.of(sensor.node())).orElse(null);
        if (isRule(sensor.code())) {
            config(discovery.alert(sensor, nodeEntry));
        } else {
            discovery.sensor(sensor, entry, nodeEntry).forEach(this::config);
        }
        discovered.add(sensor.code());
        if (!sensor.node().equals(view.self().value()) && publishes(sensor.node()) && discoveredNodes.add(sensor.node())) {
            discovery.node(sensor.node(), nodeEntry).forEach(this::config);
        }
    }

    private void config(HomeAssistantDiscovery.Config config) {
        configTopics.add(config.topic());
        queue.offer(Outgoing.status(config.topic(), config.json()));
    }

    private void onChange(String topic, String payload) {
        if (!payload.equals(lastPayload.put(topic, payload))) {
            queue.offer(Outgoing.status(topic, payload));
        }
    }

    // A rule is in the config though most rules have no entry of their own: the Alerts entry lists it.
    private boolean publishes(String code) {
        return settings.publishes(view.entry(Codifier.of(code)).isPresent() || isRule(code));
    }

    private boolean isRule(String code) {
        return view.alertRules().isRule(Codifier.of(code));
    }

    private Set<String> codes(List<SensorView> sensors) {
        Set<String> codes = new LinkedHashSet<>();
        sensors.stream().map(SensorView::code).filter(this::publishes).forEach(codes::add);
        return codes;
    }
}
