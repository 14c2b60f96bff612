package org.jphmesh.web.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jphmesh.app.mqtt.MqttBroker;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.web.command.Command;

/**
 * The MQTT bridge of a dashboard entry, from its {@code Sensor.Mqtt} block; no block (or {@code false})
 * means no bridge. The password is read from {@code PasswordFile}, never from config.json. Unknown keys are
 * refused rather than ignored: the block is new, so a typo ({@code TopicPrefx}) is a mistake, not a
 * legacy key, and silently using the default prefix would publish where nobody looks.
 *
 * <p>By default the bridge speaks only for the codifiers the config has an entry for: anyone on the LAN can
 * put a frame with a made-up codifier on the bus, and each one would otherwise become retained topics and
 * Home Assistant entities that outlive the flood, and a command target. {@code PublishHeardCodifiers} and
 * {@code CommandHeardCodifiers} opt in to codifiers that are only heard.
 *
 * @param discoveryPrefix       Home Assistant's discovery prefix, or {@code null} when discovery is off
 * @param broker                the broker and the credentials the bridge connects with
 * @param commands              the commands MQTT may give; {@code reload} only when listed
 * @param commandTargets        the codifiers MQTT may command; empty = every codifier with a config entry
 * @param commandHeardCodifiers with no {@code commandTargets}: codifiers only heard on the bus may be commanded too
 * @param publishHeardCodifiers codifiers only heard on the bus get retained topics and discovery configs too
 */
public record MqttSettings(MqttBroker broker, String topicPrefix, String discoveryPrefix, int queueCapacity,
                           Set<Command> commands, Set<String> commandTargets, boolean commandHeardCodifiers,
                           boolean publishHeardCodifiers) {

    public static final String DEFAULT_URL = MqttBroker.DEFAULT_URL;
    public static final String DEFAULT_TOPIC_PREFIX = "jph";
    public static final String DEFAULT_DISCOVERY_PREFIX = "homeassistant";
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Set<Command> DEFAULT_COMMANDS =
            Set.copyOf(EnumSet.of(Command.ping, Command.halt, Command.start, Command.set, Command.step));

    private static final Set<String> KEYS = keys("TopicPrefix", "DiscoveryPrefix", "QueueCapacity", "Commands",
            "CommandCodifiers", "CommandHeardCodifiers", "PublishHeardCodifiers");

    public MqttSettings {
        String label = "Mqtt";
        Objects.requireNonNull(broker, "broker");
        checkTopicPrefix(topicPrefix, label + ".TopicPrefix");
        if (discoveryPrefix != null) {
            checkTopicPrefix(discoveryPrefix, label + ".DiscoveryPrefix");
        }
        if (queueCapacity < 1) {
            throw new ConfigException(label + ".QueueCapacity must be at least 1, not " + queueCapacity);
        }
        commands = Set.copyOf(Objects.requireNonNull(commands, "commands"));
        commandTargets = commandTargets == null ? Set.of() : Set.copyOf(commandTargets);
        checkHeardTargets(commandHeardCodifiers, commandTargets, label + ".CommandHeardCodifiers");
    }

    private static Set<String> keys(String... bridgeKeys) {
        Set<String> keys = new HashSet<>(MqttBroker.KEYS);
        keys.addAll(List.of(bridgeKeys));
        return Set.copyOf(keys);
    }

    /** The settings of {@code entry}'s {@code Sensor.Mqtt} block, or empty when it has none: no bridge. */
    public static Optional<MqttSettings> fromEntry(SensorConfig entry) {
        JsonNode mqtt = entry.sensor().get("Mqtt");
        String label = "Sensors (" + entry.codifier() + ").Sensor.Mqtt";
        if (mqtt == null || mqtt.isNull() || mqtt.isBoolean() && !mqtt.asBoolean()) {
            return Optional.empty();
        }
        if (!mqtt.isObject()) {
            throw new ConfigException(label + " must be an object like {\"Url\": \"" + DEFAULT_URL
                    + "\", \"TopicPrefix\": \"jph\"}, or false for no bridge");
        }
        for (Iterator<String> names = mqtt.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (key.equals("Password")) {
                throw new ConfigException(label + ".Password is not read: put the password in a file and name the file"
                        + " in PasswordFile");
            }
            if (!KEYS.contains(key)) {
                throw new ConfigException(label + "." + key + " is not a key of the MQTT bridge; it knows "
                        + KEYS.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        ConfigBlock block = ConfigBlock.of(mqtt, label);
        MqttBroker broker = MqttBroker.read(block, "jph-web-" + entry.codifier());
        broker.refusal().ifPresent(reason -> {
            throw new ConfigException(label + ".Url: " + reason);
        });
        String prefix = block.text("TopicPrefix", DEFAULT_TOPIC_PREFIX);
        checkTopicPrefix(prefix, label + ".TopicPrefix");
        String discovery = discoveryPrefix(mqtt.get("DiscoveryPrefix"), label + ".DiscoveryPrefix");
        int queueCapacity = block.integer("QueueCapacity", DEFAULT_QUEUE_CAPACITY);
        if (queueCapacity < 1) {
            throw new ConfigException(label + ".QueueCapacity must be a whole number of messages >= 1, not " + queueCapacity);
        }
        Set<String> targets = targets(mqtt.get("CommandCodifiers"), label + ".CommandCodifiers");
        boolean commandHeard = block.bool("CommandHeardCodifiers", false);
        checkHeardTargets(commandHeard, targets, label + ".CommandHeardCodifiers");
        return Optional.of(new MqttSettings(broker, prefix, discovery, queueCapacity,
                commands(mqtt.get("Commands"), label + ".Commands"), targets, commandHeard,
                block.bool("PublishHeardCodifiers", false)));
    }

    /** A copy allowing only {@code allowed}; a bridge without a command service allows none. */
    public MqttSettings withCommands(Set<Command> allowed) {
        return new MqttSettings(broker, topicPrefix, discoveryPrefix, queueCapacity, allowed, commandTargets,
                commandHeardCodifiers, publishHeardCodifiers);
    }

    public boolean discoveryEnabled() {
        return discoveryPrefix != null;
    }

    public boolean allows(Command command) {
        return commands.contains(command);
    }

    /**
     * Whether MQTT may command this codifier: the ones {@code CommandCodifiers} lists; without that list every
     * codifier with a config entry ({@code hasEntry}), and those only heard when {@code CommandHeardCodifiers} is on.
     */
    public boolean allowsTarget(String codifier, boolean hasEntry) {
        if (!commandTargets.isEmpty()) {
            return commandTargets.contains(codifier);
        }
        return hasEntry || commandHeardCodifiers;
    }

    /** Whether a codifier gets retained topics and discovery: one with a config entry, or any when opted in. */
    public boolean publishes(boolean hasEntry) {
        return hasEntry || publishHeardCodifiers;
    }

    private static Set<String> targets(JsonNode list, String key) {
        if (list == null || list.isNull()) {
            return Set.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(key + " must be a list of codifiers like [\"Q5\", \"F1\"], not " + list);
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            try {
                codes.add(Codifier.of(item.isTextual() ? item.asText() : "").value());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + "[" + i + "] must be a codifier like \"Q5\", not " + item);
            }
        }
        return codes;
    }

    private static void checkHeardTargets(boolean commandHeard, Set<String> targets, String key) {
        if (commandHeard && !targets.isEmpty()) {
            throw new ConfigException(key + " cannot widen CommandCodifiers, which names exactly the codifiers MQTT"
                    + " may command: use one or the other");
        }
    }

    // MQTT-4.7.1: + and # are wildcards; MQTT-4.7.2: topics starting with $ belong to the broker.
    private static void checkTopicPrefix(String prefix, String key) {
        if (prefix == null || prefix.isEmpty()) {
            throw new ConfigException(key + " must not be empty");
        }
        if (prefix.contains("+") || prefix.contains("#")) {
            throw new ConfigException(key + " must not contain the wildcards + or #, not '" + prefix + "'");
        }
        if (prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("//")) {
            throw new ConfigException(key + " must not start or end with / nor have an empty level, not '" + prefix + "'");
        }
        if (prefix.startsWith("$")) {
            throw new ConfigException(key + " must not start with $ (broker topics), not '" + prefix + "'");
        }
        if (prefix.chars().anyMatch(c -> c == 0 || Character.isISOControl(c))) {
            throw new ConfigException(key + " must not contain control characters");
        }
    }

    private static String discoveryPrefix(JsonNode value, String key) {
        if (value == null || value.isBoolean() && value.asBoolean()) {
            return DEFAULT_DISCOVERY_PREFIX;
        }
        if (value.isNull() || value.isBoolean()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new ConfigException(key + " must be a topic prefix like \"homeassistant\", or false, not " + value);
        }
        checkTopicPrefix(value.asText(), key);
        return value.asText();
    }

    private static Set<Command> commands(JsonNode value, String key) {
        if (value == null || value.isNull()) {
            return DEFAULT_COMMANDS;
        }
        String known = Arrays.stream(Command.values()).map(Command::lower).collect(Collectors.joining(", "));
        if (!value.isArray()) {
            throw new ConfigException(key + " must be a list of command names (" + known + "), not " + value);
        }
        List<Command> commands = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            String name = item.isTextual() ? item.asText().toLowerCase(Locale.ROOT) : "";
            Command command = Arrays.stream(Command.values()).filter(c -> c.name().equals(name)).findFirst().orElse(null);
            if (command == null) {
                throw new ConfigException(key + "[" + i + "] must be one of " + known + ", not " + item);
            }
            commands.add(command);
        }
        return commands.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(commands));
    }

    @Override
    public String toString() {
        return "MqttSettings[" + broker + ", prefix " + topicPrefix + ", discovery "
                + (discoveryPrefix == null ? "off" : discoveryPrefix) + ", queue "
                + queueCapacity + ", commands " + commands.stream().map(Command::lower).sorted().toList()
                + (commandTargets.isEmpty() ? "" : ", targets " + commandTargets.stream().sorted().toList())
                + (commandHeardCodifiers ? ", commands to heard codifiers" : "")
                + (publishHeardCodifiers ? ", publishes heard codifiers" : "") + "]";
    }
}
