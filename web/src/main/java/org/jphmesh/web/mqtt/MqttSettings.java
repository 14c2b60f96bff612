package org.jphmesh.web.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.jphmesh.bus.transport.NetworkGuard;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.config.SqlSettings;
import org.jphmesh.web.command.Command;

/**
 * The MQTT bridge of a dashboard entry, from its {@code Sensor.Mqtt} block; no block (or {@code false})
 * means no bridge. The password is read from {@code PasswordFile}, never from config.json. Unknown keys are
 * refused rather than ignored: the block is new, so a typo ({@code TopicPrefx}) is a mistake, not a
 * legacy key, and silently using the default prefix would publish where nobody looks.
 *
 * @param discoveryPrefix Home Assistant's discovery prefix, or {@code null} when discovery is off
 * @param caFile          PEM file of the CA that signed the broker's certificate, or {@code null} for the
 *                        JVM's default trust store
 * @param commands        the commands MQTT may give; {@code reload} only when listed
 * @param commandTargets  the codifiers MQTT may command; empty = every codifier the config names
 */
public record MqttSettings(String url, String username, String password, String topicPrefix, String discoveryPrefix,
                           String clientId, int queueCapacity, Set<Command> commands, Path caFile,
                           Set<String> commandTargets) {

    public static final String DEFAULT_URL = "tcp://127.0.0.1:1883";
    public static final String DEFAULT_TOPIC_PREFIX = "jph";
    public static final String DEFAULT_DISCOVERY_PREFIX = "homeassistant";
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Set<Command> DEFAULT_COMMANDS =
            Set.copyOf(EnumSet.of(Command.ping, Command.halt, Command.start, Command.set, Command.step));

    private static final Set<String> KEYS = Set.of("Url", "Username", "PasswordFile", "TopicPrefix", "DiscoveryPrefix",
            "ClientId", "QueueCapacity", "Commands", "CaFile", "CommandCodifiers");

    public MqttSettings {
        String label = "Mqtt";
        checkUrl(url, label + ".Url");
        checkTopicPrefix(topicPrefix, label + ".TopicPrefix");
        if (discoveryPrefix != null) {
            checkTopicPrefix(discoveryPrefix, label + ".DiscoveryPrefix");
        }
        if (clientId == null || clientId.isBlank()) {
            throw new ConfigException(label + ".ClientId must not be empty");
        }
        if (queueCapacity < 1) {
            throw new ConfigException(label + ".QueueCapacity must be at least 1, not " + queueCapacity);
        }
        commands = Set.copyOf(Objects.requireNonNull(commands, "commands"));
        commandTargets = commandTargets == null ? Set.of() : Set.copyOf(commandTargets);
        if (caFile != null && !url.startsWith("ssl://")) {
            throw new ConfigException(label + ".CaFile is only used with an ssl:// Url, not " + url);
        }
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
        String url = text(mqtt, "Url", label, DEFAULT_URL);
        checkUrl(url, label + ".Url");
        String prefix = text(mqtt, "TopicPrefix", label, DEFAULT_TOPIC_PREFIX);
        checkTopicPrefix(prefix, label + ".TopicPrefix");
        String discovery = discoveryPrefix(mqtt.get("DiscoveryPrefix"), label + ".DiscoveryPrefix");
        String clientId = text(mqtt, "ClientId", label, "jph-web-" + entry.codifier());
        if (clientId.isBlank()) {
            throw new ConfigException(label + ".ClientId must not be empty");
        }
        String passwordFile = text(mqtt, "PasswordFile", label, null);
        String password = passwordFile == null ? null : SqlSettings.readPassword(passwordFile, label + ".PasswordFile");
        String caText = text(mqtt, "CaFile", label, null);
        Path caFile = null;
        if (caText != null) {
            if (!url.startsWith("ssl://")) {
                throw new ConfigException(label + ".CaFile is only used with an ssl:// Url, not " + url);
            }
            caFile = ConfigSource.expandHome(caText);
            MqttTls.trusting(caFile, label + ".CaFile");
        }
        return Optional.of(new MqttSettings(url, text(mqtt, "Username", label, null), password, prefix, discovery,
                clientId, queueCapacity(mqtt.get("QueueCapacity"), label + ".QueueCapacity"),
                commands(mqtt.get("Commands"), label + ".Commands"), caFile,
                targets(mqtt.get("CommandCodifiers"), label + ".CommandCodifiers")));
    }

    /** A copy allowing only {@code allowed}; a bridge without a command service allows none. */
    public MqttSettings withCommands(Set<Command> allowed) {
        return new MqttSettings(url, username, password, topicPrefix, discoveryPrefix, clientId, queueCapacity, allowed,
                caFile, commandTargets);
    }

    public boolean discoveryEnabled() {
        return discoveryPrefix != null;
    }

    public boolean allows(Command command) {
        return commands.contains(command);
    }

    /** Whether MQTT may command this codifier (any the config names, unless CommandCodifiers narrows it). */
    public boolean allowsTarget(String codifier) {
        return commandTargets.isEmpty() || commandTargets.contains(codifier);
    }

    private static Set<String> targets(JsonNode list, String key) {
        if (list == null || list.isNull()) {
            return Set.of();
        }
        if (!list.isArray()) {
            throw new ConfigException(key + " must be a list of codifiers like [\"Q5\", \"F1\"], not " + list);
        }
        Set<String> codes = new java.util.HashSet<>();
        for (JsonNode item : list) {
            try {
                codes.add(org.jphmesh.bus.frame.Codifier.of(item.asText()).value());
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + " lists '" + item.asText() + "', which is not a codifier");
            }
        }
        return codes;
    }

    private static String text(JsonNode block, String key, String label, String fallback) {
        JsonNode value = block.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new ConfigException(label + "." + key + " must be text, not " + value);
        }
        return value.asText();
    }

    private static void checkUrl(String url, String key) {
        if (url == null) {
            throw new ConfigException(key + " is missing");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(key + " is not a URL like " + DEFAULT_URL + ": " + e.getMessage());
        }
        if (!"tcp".equals(uri.getScheme()) && !"ssl".equals(uri.getScheme())) {
            throw new ConfigException(key + " must start with tcp:// or ssl://, not '" + url + "'");
        }
        if (uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null
                || uri.getUserInfo() != null) {
            throw new ConfigException(key + " must be scheme://host[:port] only (the user goes in Username), not '"
                    + url + "'");
        }
        NetworkGuard.refusal(uri).ifPresent(reason -> {
            throw new ConfigException(key + ": " + reason);
        });
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

    private static int queueCapacity(JsonNode value, String key) {
        if (value == null || value.isNull()) {
            return DEFAULT_QUEUE_CAPACITY;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1) {
            throw new ConfigException(key + " must be a whole number of messages >= 1, not " + value);
        }
        return value.asInt();
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
        return "MqttSettings[" + url + ", user " + (username == null ? "none" : username) + ", password "
                + (password == null ? "none" : "****") + ", prefix " + topicPrefix + ", discovery "
                + (discoveryPrefix == null ? "off" : discoveryPrefix) + ", client " + clientId + ", queue "
                + queueCapacity + ", commands " + commands.stream().map(Command::lower).sorted().toList()
                + (caFile == null ? "" : ", CA " + caFile) + "]";
    }
}
