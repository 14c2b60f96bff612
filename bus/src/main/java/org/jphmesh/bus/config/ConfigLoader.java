package org.jphmesh.bus.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jphmesh.bus.auth.AuthMode;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.json.JsonTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a legacy or extended config.json into a validated {@link MeshConfig}.
 *
 * <p>Validation happens once, here, and every message names the key and the entry
 * ({@code Sensors[12] (X2).KeepAliveInterval must be > 0}). What the Java mesh does not use (the Python
 * {@code Logging} section, unknown keys, unknown types) loads with a warning instead of failing, so one
 * file can serve Python and Java nodes during a migration.
 *
 * <p>The sections every node reads are bound here by hand, without Jackson's data binding: it would stay
 * resident in every sensor node for one read at start (docs/performance.md, "Sensor node footprint").
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** The one expected note on every legacy file; logged at INFO, not as a warning. */
    public static final String LOGGING_NOTE = "Logging: the Python logging section is ignored; Java programs log"
            + " to standard output (see docs/configuration.md)";

    // "$schema" points editors at config.schema.json; it is for them, so it loads without a note.
    static final Set<String> TOP_LEVEL_KEYS = Set.of("$schema", "Multicast", "Sensors", "Logging");
    static final Set<String> MULTICAST_KEYS =
            Set.of("Control-Channel", "Data-Channel", "Interface", "TTL", "Loopback", "ReceiveBufferBytes", "Auth", "Resend");
    static final Set<String> CHANNEL_KEYS = Set.of("Address", "Port");
    static final Set<String> AUTH_KEYS = Set.of("Mode", "Keys", "SigningKey", "ReplayWindowSeconds");
    static final Set<String> AUTH_KEY_KEYS = Set.of("Id", "File", "Env");
    static final Set<String> ENTRY_KEYS = Set.of("Codifier", "ShortName", "Name", "Symbol",
            "KeepAliveInterval", "SensorInterval", "TimeoutWarning", "Active", "DataType", "Type", "Control", "Sensor", "States");

    private ConfigLoader() {
    }

    /** Loads from a file path or an http(s) URL, logging each warning once. */
    public static MeshConfig load(String location) {
        MeshConfig config = parse(ConfigSource.read(location), location);
        for (String warning : config.warnings()) {
            if (warning.equals(LOGGING_NOTE)) {
                LOG.info("{}: {}", location, warning);
            } else {
                LOG.warn("{}: {}", location, warning);
            }
        }
        return config;
    }

    /** Parses config text; {@code origin} names it in error messages. */
    public static MeshConfig parse(String json, String origin) {
        JsonNode root = tree(json, origin);
        if (root == null || !root.isObject()) {
            throw new ConfigException(origin + " must hold a JSON object with a \"Sensors\" list");
        }
        List<String> warnings = new ArrayList<>();
        ConfigBlock.of(root, "").warnUnknownKeys(TOP_LEVEL_KEYS, warnings);
        if (root.has("Logging")) {
            warnings.add(LOGGING_NOTE);
        }
        MulticastConfig multicast = multicast(root.get("Multicast"), warnings);
        JsonNode sensors = root.get("Sensors");
        if (sensors == null) {
            throw new ConfigException("Sensors is missing: the config must list its nodes under \"Sensors\"");
        }
        if (!sensors.isArray()) {
            throw new ConfigException("Sensors must be a list of entries, not " + sensors.getNodeType());
        }
        List<SensorConfig> entries = new ArrayList<>();
        Map<Codifier, Integer> seen = new HashMap<>();
        for (int i = 0; i < sensors.size(); i++) {
            SensorConfig entry = entry(i, sensors.get(i), warnings);
            Integer earlier = seen.putIfAbsent(entry.code(), i);
            if (earlier != null) {
                throw new ConfigException(label(i, entry.codifier()) + ".Codifier duplicates Sensors[" + earlier + "]");
            }
            entries.add(entry);
        }
        checkProxyReferences(entries, seen.keySet(), warnings);
        return new MeshConfig(multicast, entries, warnings);
    }

    private static JsonNode tree(String json, String origin) {
        try {
            return JsonTree.read(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + " is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(origin + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static MulticastConfig multicast(JsonNode node, List<String> warnings) {
        if (node == null) {
            return MulticastConfig.LEGACY_DEFAULT;
        }
        if (!node.isObject()) {
            throw new ConfigException("Multicast must be an object with Control-Channel and Data-Channel");
        }
        ConfigBlock block = ConfigBlock.of(node, "Multicast");
        block.warnUnknownKeys(MULTICAST_KEYS, warnings);
        MulticastConfig config = new MulticastConfig(channel(block, "Control-Channel", warnings),
                channel(block, "Data-Channel", warnings), block.textOrNull("Interface"), block.integerOrNull("TTL"),
                block.boolOrNull("Loopback"), block.integerOrNull("ReceiveBufferBytes"),
                auth(block.childOrNull("Auth"), warnings), block.boolOrNull("Resend"));
        config.validate();
        return config;
    }

    private static ChannelConfig channel(ConfigBlock multicast, String key, List<String> warnings) {
        ConfigBlock block = multicast.childOrNull(key);
        if (block == null) {
            return null;
        }
        block.warnUnknownKeys(CHANNEL_KEYS, warnings);
        return new ChannelConfig(block.textOrNull("Address"), block.integerOrNull("Port"));
    }

    private static AuthConfig auth(ConfigBlock block, List<String> warnings) {
        if (block == null) {
            return null;
        }
        block.warnUnknownKeys(AUTH_KEYS, warnings);
        List<AuthConfig.KeySource> keys = new ArrayList<>();
        for (ConfigBlock key : block.list("Keys")) {
            key.warnUnknownKeys(AUTH_KEY_KEYS, warnings);
            keys.add(new AuthConfig.KeySource(key.integerOrNull("Id"), key.textOrNull("File"), key.textOrNull("Env")));
        }
        return new AuthConfig(authMode(block), keys, block.integerOrNull("SigningKey"),
                block.numberOrNull("ReplayWindowSeconds"));
    }

    private static AuthMode authMode(ConfigBlock auth) {
        String mode = auth.textOrNull("Mode");
        if (mode == null) {
            return null;
        }
        for (AuthMode known : AuthMode.values()) {
            if (known.name().equals(mode)) {
                return known;
            }
        }
        throw new ConfigException(auth.label() + ".Mode must be one of off, sign, require, not '" + mode + "'");
    }

    private static SensorConfig entry(int index, JsonNode node, List<String> warnings) {
        if (node == null || !node.isObject()) {
            throw new ConfigException("Sensors[" + index + "] must be an object with at least Codifier and Type");
        }
        JsonNode codeNode = node.get("Codifier");
        if (codeNode == null || codeNode.isNull()) {
            throw new ConfigException("Sensors[" + index + "].Codifier is missing");
        }
        String code = codeNode.asText();
        try {
            Codifier codifier = Codifier.of(code);
            if (codifier.isBroadcast()) {
                throw new ConfigException("Sensors[" + index + "].Codifier '@@' is reserved for broadcast");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("Sensors[" + index + "].Codifier must be two printable ASCII characters"
                    + " (like C1), not '" + code + "'");
        }
        String label = label(index, code);
        ConfigBlock block = ConfigBlock.of(node, label);
        block.warnUnknownKeys(ENTRY_KEYS, warnings);
        if (node.has("Sensor") && !node.get("Sensor").isObject()) {
            throw new ConfigException(label + ".Sensor must be an object");
        }
        SensorConfig entry = new SensorConfig(code, block.textOrNull("ShortName"), block.textOrNull("Name"),
                block.textOrNull("Symbol"), block.numberOrNull("KeepAliveInterval"), block.numberOrNull("SensorInterval"),
                block.numberOrNull("TimeoutWarning"), block.boolOrNull("Active"), dataType(block),
                block.textOrNull("Type"), block.textOrNull("Control"), node.get("Sensor"),
                StateLabels.read(node.get("States"), label));
        if (entry.type() == null || entry.type().isBlank()) {
            throw new ConfigException(label + ".Type is missing");
        }
        positive(label, "KeepAliveInterval", entry.keepAliveInterval());
        positive(label, "SensorInterval", entry.sensorInterval());
        positive(label, "TimeoutWarning", entry.timeoutWarning());
        if (entry.control() != null && !entry.control().equalsIgnoreCase("enabled")
                && !entry.control().equalsIgnoreCase("disabled")) {
            throw new ConfigException(label + ".Control must be \"enabled\" or \"disabled\", not '" + entry.control() + "'");
        }
        JsonNode proxies = entry.sensor().get("Proxy");
        if (proxies != null && !proxies.isArray()) {
            throw new ConfigException(label + ".Sensor.Proxy must be a list of {\"Codifier\": ..} entries");
        }
        if (proxies != null) {
            for (int p = 0; p < proxies.size(); p++) {
                JsonNode proxyCode = proxies.get(p).get("Codifier");
                if (proxyCode == null || !proxyCode.isTextual() || !isCodifier(proxyCode.asText())) {
                    throw new ConfigException(label + ".Sensor.Proxy[" + p + "].Codifier must be two printable ASCII"
                            + " characters, not " + proxyCode);
                }
            }
        }
        return entry;
    }

    private static DataType dataType(ConfigBlock entry) {
        String key = entry.textOrNull("DataType");
        try {
            return key == null ? null : DataType.fromKey(key);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(entry.label() + ".DataType " + e.getMessage());
        }
    }

    private static void checkProxyReferences(List<SensorConfig> entries, Set<Codifier> defined, List<String> warnings) {
        for (int i = 0; i < entries.size(); i++) {
            SensorConfig entry = entries.get(i);
            if (entry.isProxy()) {
                JsonNode parent = entry.sensor().get("Codifier");
                if (parent == null || !parent.isTextual() || !isCodifier(parent.asText())) {
                    warnings.add(label(i, entry.codifier()) + ".Sensor.Codifier should name the entry that sends"
                            + " this proxy's readings");
                } else if (!defined.contains(Codifier.of(parent.asText()))) {
                    warnings.add(label(i, entry.codifier()) + ".Sensor.Codifier '" + parent.asText()
                            + "' is not defined in Sensors");
                }
            }
            for (JsonNode item : entry.sensor().path("Proxy")) {
                JsonNode code = item.get("Codifier");
                if (code == null || !code.isTextual() || !isCodifier(code.asText()) || item.path("Name").isTextual()) {
                    // An item with a Name of its own (an alert rule) describes itself and needs no entry.
                    continue;
                }
                Codifier proxy = Codifier.of(code.asText());
                if (!defined.contains(proxy)) {
                    warnings.add(label(i, entry.codifier()) + ".Sensor.Proxy lists " + proxy
                            + ", which has no entry of its own in Sensors");
                }
            }
        }
    }

    /**
     * Reads a block that is new in this project (no legacy file has it) into {@code type}, refusing unknown
     * keys: there a typo is a mistake, not a legacy key. Errors name {@code label} and the key path.
     */
    public static <T> T bindStrict(JsonNode node, Class<T> type, String label) {
        return StrictBinding.bind(node, type, label);
    }

    private static void positive(String label, String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException(label + "." + key + " must be > 0 seconds, not " + value);
        }
    }

    private static boolean isCodifier(String value) {
        try {
            Codifier.of(value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String label(int index, String codifier) {
        return "Sensors[" + index + "] (" + codifier + ")";
    }
}
