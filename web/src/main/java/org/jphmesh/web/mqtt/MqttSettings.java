package org.jphmesh.web.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.SecretFile;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.transport.NetworkGuard;
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
 * @param caFile                PEM file of the CA that signed the broker's certificate, or {@code null} for the
 *                              JVM's default trust store
 * @param commands              the commands MQTT may give; {@code reload} only when listed
 * @param commandTargets        the codifiers MQTT may command; empty = every codifier with a config entry
 * @param commandHeardCodifiers with no {@code commandTargets}: codifiers only heard on the bus may be commanded too
 * @param publishHeardCodifiers codifiers only heard on the bus get retained topics and discovery configs too
 */
public record MqttSettings(String url, String username, String password, String topicPrefix, String discoveryPrefix,
                           String clientId, int queueCapacity, Set<Command> commands, Path caFile,
                           Set<String> commandTargets, boolean commandHeardCodifiers, boolean publishHeardCodifiers) {

    public static final String DEFAULT_URL = "tcp://127.0.0.1:1883";
    public static final String DEFAULT_TOPIC_PREFIX = "jph";
    public static final String DEFAULT_DISCOVERY_PREFIX = "homeassistant";
    public static final int DEFAULT_QUEUE_CAPACITY = 10_000;
    public static final Set<Command> DEFAULT_COMMANDS =
            Set.copyOf(EnumSet.of(Command.ping, Command.halt, Command.start, Command.set, Command.step));
    /** MQTT-1.5.3: a UTF-8 string of the protocol, the client id included, is at most 65,535 bytes. */
    private static final int MAX_CLIENT_ID_BYTES = 65_535;

    private static final Set<String> KEYS = Set.of("Url", "Username", "PasswordFile", "TopicPrefix", "DiscoveryPrefix",
            "ClientId", "QueueCapacity", "Commands", "CaFile", "CommandCodifiers", "CommandHeardCodifiers",
            "PublishHeardCodifiers");

    public MqttSettings {
        String label = "Mqtt";
        checkUrl(url, label + ".Url");
        checkTopicPrefix(topicPrefix, label + ".TopicPrefix");
        if (discoveryPrefix != null) {
            checkTopicPrefix(discoveryPrefix, label + ".DiscoveryPrefix");
        }
        checkClientId(clientId, label + ".ClientId");
        if (queueCapacity < 1) {
            throw new ConfigException(label + ".QueueCapacity must be at least 1, not " + queueCapacity);
        }
        commands = Set.copyOf(Objects.requireNonNull(commands, "commands"));
        commandTargets = commandTargets == null ? Set.of() : Set.copyOf(commandTargets);
        if (caFile != null && !url.startsWith("ssl://")) {
            throw new ConfigException(label + ".CaFile is only used with an ssl:// Url, not " + url);
        }
        checkHeardTargets(commandHeardCodifiers, commandTargets, label + ".CommandHeardCodifiers");
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
        String url = block.text("Url", DEFAULT_URL);
        checkUrl(url, label + ".Url");
        String prefix = block.text("TopicPrefix", DEFAULT_TOPIC_PREFIX);
        checkTopicPrefix(prefix, label + ".TopicPrefix");
        String discovery = discoveryPrefix(mqtt.get("DiscoveryPrefix"), label + ".DiscoveryPrefix");
        String clientId = block.text("ClientId", "jph-web-" + entry.codifier());
        checkClientId(clientId, label + ".ClientId");
        String password = block.optionalText("PasswordFile")
                .map(file -> SecretFile.firstLine(file, label + ".PasswordFile")).orElse(null);
        Path caFile = null;
        Optional<String> caText = block.optionalText("CaFile");
        if (caText.isPresent()) {
            if (!url.startsWith("ssl://")) {
                throw new ConfigException(label + ".CaFile is only used with an ssl:// Url, not " + url);
            }
            caFile = ConfigSource.expandHome(caText.get());
            MqttTls.trusting(caFile, label + ".CaFile");
        }
        int queueCapacity = block.integer("QueueCapacity", DEFAULT_QUEUE_CAPACITY);
        if (queueCapacity < 1) {
            throw new ConfigException(label + ".QueueCapacity must be a whole number of messages >= 1, not " + queueCapacity);
        }
        Set<String> targets = targets(mqtt.get("CommandCodifiers"), label + ".CommandCodifiers");
        boolean commandHeard = block.bool("CommandHeardCodifiers", false);
        checkHeardTargets(commandHeard, targets, label + ".CommandHeardCodifiers");
        return Optional.of(new MqttSettings(url, block.text("Username", null), password, prefix, discovery, clientId,
                queueCapacity, commands(mqtt.get("Commands"), label + ".Commands"), caFile, targets, commandHeard,
                block.bool("PublishHeardCodifiers", false)));
    }

    /** A copy allowing only {@code allowed}; a bridge without a command service allows none. */
    public MqttSettings withCommands(Set<Command> allowed) {
        return new MqttSettings(url, username, password, topicPrefix, discoveryPrefix, clientId, queueCapacity, allowed,
                caFile, commandTargets, commandHeardCodifiers, publishHeardCodifiers);
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

    private static void checkClientId(String clientId, String key) {
        if (clientId == null || clientId.isBlank()) {
            throw new ConfigException(key + " must not be empty");
        }
        if (clientId.getBytes(StandardCharsets.UTF_8).length > MAX_CLIENT_ID_BYTES) {
            throw new ConfigException(key + " must be at most " + MAX_CLIENT_ID_BYTES + " bytes (UTF-8)");
        }
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
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            throw new ConfigException(key + " has port " + uri.getPort() + "; a port is 1..65535");
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
                + (commandTargets.isEmpty() ? "" : ", targets " + commandTargets.stream().sorted().toList())
                + (commandHeardCodifiers ? ", commands to heard codifiers" : "")
                + (publishHeardCodifiers ? ", publishes heard codifiers" : "")
                + (caFile == null ? "" : ", CA " + caFile) + "]";
    }
}
