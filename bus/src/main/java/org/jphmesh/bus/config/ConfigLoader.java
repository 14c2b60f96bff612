package org.jphmesh.bus.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a legacy or extended config.json into a validated {@link MeshConfig}.
 *
 * <p>Validation happens once, here, and every message names the key and the entry
 * ({@code Sensors[12] (X2).KeepAliveInterval must be > 0}). What the Java mesh does not use (the Python
 * {@code Logging} section, unknown keys, unknown types) loads with a warning instead of failing, so one
 * file can serve Python and Java nodes during a migration.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** The one expected note on every legacy file; logged at INFO, not as a warning. */
    public static final String LOGGING_NOTE = "Logging: the Python logging section is ignored; Java nodes log"
            + " through Logback (see docs/configuration.md)";

    // "$schema" points editors at config.schema.json; it is for them, so it loads without a note.
    static final Set<String> TOP_LEVEL_KEYS = Set.of("$schema", "Multicast", "Sensors", "Logging");
    static final Set<String> MULTICAST_KEYS =
            Set.of("Control-Channel", "Data-Channel", "Interface", "TTL", "Loopback", "ReceiveBufferBytes", "Auth", "Resend");
    static final Set<String> CHANNEL_KEYS = Set.of("Address", "Port");
    static final Set<String> ENTRY_KEYS = Set.of("Codifier", "ShortName", "Name", "Symbol",
            "KeepAliveInterval", "SensorInterval", "TimeoutWarning", "Active", "DataType", "Type", "Control", "Sensor");

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true);
    private static final ObjectMapper STRICT = MAPPER.copy()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

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
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + " is not valid JSON at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new ConfigException(origin + " must hold a JSON object with a \"Sensors\" list");
        }
        List<String> warnings = new ArrayList<>();
        warnUnknownKeys(root, TOP_LEVEL_KEYS, "", warnings);
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

    private static MulticastConfig multicast(JsonNode node, List<String> warnings) {
        if (node == null) {
            return MulticastConfig.LEGACY_DEFAULT;
        }
        if (!node.isObject()) {
            throw new ConfigException("Multicast must be an object with Control-Channel and Data-Channel");
        }
        warnUnknownKeys(node, MULTICAST_KEYS, "Multicast.", warnings);
        for (String channel : List.of("Control-Channel", "Data-Channel")) {
            if (node.get(channel) != null) {
                warnUnknownKeys(node.get(channel), CHANNEL_KEYS, "Multicast." + channel + ".", warnings);
            }
        }
        MulticastConfig config = bind(node, MulticastConfig.class, "Multicast");
        config.validate();
        return config;
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
        warnUnknownKeys(node, ENTRY_KEYS, label + ".", warnings);
        SensorConfig entry = bind(node, SensorConfig.class, label);
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
        if (node.has("Sensor") && !node.get("Sensor").isObject()) {
            throw new ConfigException(label + ".Sensor must be an object");
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
        if (!SensorTypes.isKnown(entry.type())) {
            warnings.add(label + ".Type '" + entry.type() + "' is not a type this version knows;"
                    + " the entry loads, but no Java node can run it");
        }
        return entry;
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
            for (Codifier proxy : entry.listedProxies()) {
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
        return bind(STRICT, node, type, label);
    }

    private static <T> T bind(JsonNode node, Class<T> type, String label) {
        return bind(MAPPER, node, type, label);
    }

    private static <T> T bind(ObjectMapper mapper, JsonNode node, Class<T> type, String label) {
        try {
            return mapper.treeToValue(node, type);
        } catch (JsonMappingException e) {
            throw new ConfigException(label + describe(e), e);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new ConfigException(label + ": " + e.getMessage(), e);
        }
    }

    /** Turns Jackson's path and problem into {@code .Key: expected a number, got "abc"}. */
    private static String describe(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append('.').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        String problem;
        if (e instanceof UnrecognizedPropertyException unknown) {
            problem = "unknown key; known keys are " + unknown.getKnownPropertyIds();
        } else if (e instanceof InvalidFormatException invalid) {
            problem = "expected " + kind(invalid.getTargetType()) + ", got '" + invalid.getValue() + "'";
        } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
            problem = e.getCause().getMessage();
        } else if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            problem = "expected " + kind(mismatch.getTargetType());
        } else {
            problem = e.getOriginalMessage();
        }
        return path + ": " + problem;
    }

    private static String kind(Class<?> type) {
        if (type == Integer.class || type == int.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "text";
        }
        if (type == DataType.class) {
            return "one of float, integer, bool, text, json";
        }
        return "a " + type.getSimpleName();
    }

    private static void positive(String label, String key, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new ConfigException(label + "." + key + " must be > 0 seconds, not " + value);
        }
    }

    private static void warnUnknownKeys(JsonNode node, Set<String> known, String prefix, List<String> warnings) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                warnings.add(prefix + key + " is not a key this version knows; ignored");
            }
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
