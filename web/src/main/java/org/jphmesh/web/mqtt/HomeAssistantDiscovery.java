package org.jphmesh.web.mqtt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.DataType;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.config.StateLabels;
import org.jphmesh.web.command.Command;
import org.jphmesh.web.state.DisplayUnit;
import org.jphmesh.web.state.SensorView;

/**
 * Home Assistant MQTT discovery configs, as pure functions of the mesh view.
 *
 * <p>Layout: one device per node ({@code identifiers: [jph_node_<node>]}); in it a {@code sensor} per
 * codifier the node sends (a {@code binary_sensor} of class {@code problem} for an alert rule), a {@code number} for each {@code "Control": "enabled"} entry (its set-point,
 * written to {@code <prefix>/<code>/set}), a {@code button} that pings the node and a {@code switch} whose
 * on/off are start/halt. Home Assistant requires {@code state_topic} for a sensor and {@code command_topic}
 * for number, button and switch, and groups entities into a device only when they have a {@code unique_id}.
 * Sensor and number are available only while the bridge and the sensor both are (availability_mode all);
 * button and switch follow the bridge alone, so a halted node can still be started. An entity that commands
 * is offered only when MQTT may give that command to that codifier: a button that is always refused helps nobody.
 */
final class HomeAssistantDiscovery {

    static final String MANUFACTURER = "JPH mesh";
    /** A set-point with no Sensor.Min/Max in its entry gets this range: Home Assistant's default is 1..100. */
    static final double WIDE_RANGE = 1_000_000;
    private static final Map<String, String> DEVICE_CLASSES = Map.of("°C", "temperature", "°F", "temperature",
            "W", "power", "kWh", "energy");

    /** One config message: where it goes and the JSON document. */
    record Config(String topic, String json) {
    }

    private final MqttTopics topics;
    private final MqttSettings settings;

    HomeAssistantDiscovery(MqttTopics topics, MqttSettings settings) {
        this.topics = topics;
        this.settings = settings;
    }

    static String sensorId(String code) {
        return "jph_" + MqttTopics.level(code);
    }

    static String nodeId(String node) {
        return "jph_node_" + MqttTopics.level(node);
    }

    /** The sensor entity of a codifier and, for a Control-enabled entry, its set-point number. */
    List<Config> sensor(SensorView sensor, SensorConfig entry, SensorConfig nodeEntry) {
        List<Config> configs = new ArrayList<>();
        String code = sensor.code();
        String unit = unit(sensor.symbol(), entry);
        ObjectNode json = entity(sensor.name(), sensorId(code), device(sensor.node(), nodeEntry));
        json.put("state_topic", topics.state(code));
        json.put("json_attributes_topic", topics.attributes(code));
        availability(json, topics.availability(code));
        StateLabels states = entry == null ? StateLabels.NONE : StateLabels.of(entry);
        if (!states.isEmpty()) {
            // The state topic keeps the number (automations and the set-point use it); Home Assistant shows the word.
            json.put("device_class", "enum");
            ArrayNode options = json.putArray("options");
            states.labels().values().stream().distinct().sorted().forEach(options::add);
            json.put("value_template", "{{ " + MqttPayloads.JSON.valueToTree(new TreeMap<>(states.labels())) + ".get(value, '"
                    + MqttPayloads.NONE + "') }}");
        } else if (unit != null) {
            json.put("unit_of_measurement", unit);
            String deviceClass = DEVICE_CLASSES.get(unit);
            if (deviceClass != null) {
                json.put("device_class", deviceClass);
            }
            json.put("state_class", "energy".equals(deviceClass) ? "total_increasing" : "measurement");
        }
        configs.add(new Config(topics.discoveryConfig("sensor", sensorId(code)), json.toString()));
        if (entry != null && entry.controlEnabled() && settings.allows(Command.set) && settings.allowsTarget(code, true)) {
            configs.add(new Config(topics.discoveryConfig("number", sensorId(code) + "_set"),
                    setPoint(sensor, entry, unit, nodeEntry).toString()));
        }
        return configs;
    }

    /**
     * An alert rule (docs/rules.md) as a {@code binary_sensor} of class {@code problem}: on while the rule fires. Its
     * state topic carries the rule's state document, so the template reads {@code state} from it and the same
     * document gives the entity its attributes (message, severity, since, ack, silencedUntil).
     */
    Config alert(SensorView sensor, SensorConfig nodeEntry) {
        String code = sensor.code();
        ObjectNode json = entity(sensor.name(), sensorId(code), device(sensor.node(), nodeEntry));
        json.put("state_topic", topics.state(code));
        json.put("value_template", "{{ 'ON' if value_json.state == '" + AlertStatus.State.FIRING.word()
                + "' else 'OFF' }}");
        json.put("device_class", "problem");
        json.put("json_attributes_topic", topics.state(code));
        availability(json, topics.availability(code));
        return new Config(topics.discoveryConfig("binary_sensor", sensorId(code)), json.toString());
    }

    /** The node's ping button and its start/halt switch, as far as the allowed commands and targets permit. */
    List<Config> node(String node, SensorConfig nodeEntry) {
        List<Config> configs = new ArrayList<>();
        if (!settings.allowsTarget(node, nodeEntry != null)) {
            return configs;
        }
        if (settings.allows(Command.ping)) {
            ObjectNode ping = entity("Ping", nodeId(node) + "_ping", device(node, nodeEntry));
            ping.put("command_topic", topics.command(node));
            ping.put("payload_press", Command.ping.lower());
            ping.put("entity_category", "diagnostic");
            availability(ping, null);
            configs.add(new Config(topics.discoveryConfig("button", nodeId(node) + "_ping"), ping.toString()));
        }
        if (settings.allows(Command.start) && settings.allows(Command.halt)) {
            ObjectNode active = entity("Active", nodeId(node) + "_active", device(node, nodeEntry));
            // payload_* is what HA sends, state_* what it reads back: the node's own ALIVE frames decide the state.
            active.put("command_topic", topics.command(node));
            active.put("payload_on", Command.start.lower());
            active.put("payload_off", Command.halt.lower());
            active.put("state_topic", topics.active(node));
            active.put("state_on", MqttPayloads.active(true));
            active.put("state_off", MqttPayloads.active(false));
            availability(active, null);
            configs.add(new Config(topics.discoveryConfig("switch", nodeId(node) + "_active"), active.toString()));
        }
        return configs;
    }

    private ObjectNode setPoint(SensorView sensor, SensorConfig entry, String unit, SensorConfig nodeEntry) {
        String code = sensor.code();
        ObjectNode json = entity(sensor.name() + " set-point", sensorId(code) + "_set", device(sensor.node(), nodeEntry));
        json.put("command_topic", topics.set(code));
        json.put("state_topic", topics.state(code));
        ConfigBlock block = ConfigBlock.of(entry);
        double min = number(block, "Min", -WIDE_RANGE);
        double max = number(block, "Max", WIDE_RANGE);
        if (!(min < max)) {
            min = -WIDE_RANGE;
            max = WIDE_RANGE;
        }
        boolean whole = entry.dataType() == DataType.INTEGER || entry.dataType() == DataType.BOOL;
        double step = number(block, "Step", 0);
        step = step >= 0.001 ? step : whole ? 1 : 0.1;
        json.put("min", min);
        json.put("max", max);
        json.put("step", step);
        json.put("mode", "box");
        if (unit != null) {
            json.put("unit_of_measurement", unit);
        }
        availability(json, topics.availability(code));
        return json;
    }

    // As the node reads its own entry ("5" is 5); a value even the node would refuse leaves the default here.
    private static double number(ConfigBlock block, String key, double fallback) {
        try {
            return block.number(key, fallback);
        } catch (ConfigException e) {
            return fallback;
        }
    }

    private static ObjectNode entity(String name, String uniqueId, ObjectNode device) {
        ObjectNode json = MqttPayloads.JSON.createObjectNode();
        json.put("name", name);
        json.put("unique_id", uniqueId);
        json.set("device", device);
        return json;
    }

    private ObjectNode device(String node, SensorConfig nodeEntry) {
        ObjectNode device = MqttPayloads.JSON.createObjectNode();
        device.putArray("identifiers").add(nodeId(node));
        device.put("name", (nodeEntry == null ? node : nodeEntry.shortName()) + " (" + node + ")");
        device.put("manufacturer", MANUFACTURER);
        device.put("model", nodeEntry == null ? "unknown" : nodeEntry.type());
        return device;
    }

    private void availability(ObjectNode json, String sensorTopic) {
        ArrayNode list = json.putArray("availability");
        list.addObject().put("topic", topics.bridgeAvailability())
                .put("payload_available", MqttTopics.ONLINE).put("payload_not_available", MqttTopics.OFFLINE);
        if (sensorTopic != null) {
            list.addObject().put("topic", sensorTopic)
                    .put("payload_available", MqttTopics.ONLINE).put("payload_not_available", MqttTopics.OFFLINE);
        }
        json.put("availability_mode", "all");
    }

    /** Home Assistant's spelling of a legacy symbol, only for entries whose readings are numbers. */
    static String unit(String symbol, SensorConfig entry) {
        if (symbol == null || symbol.isBlank() || entry == null
                || entry.dataType() != DataType.FLOAT && entry.dataType() != DataType.INTEGER) {
            return null;
        }
        return DisplayUnit.of(symbol);
    }
}
