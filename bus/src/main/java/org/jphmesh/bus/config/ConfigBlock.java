package org.jphmesh.bus.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.json.LenientNumber;

/**
 * One object of config.json (an entry, its {@code Sensor} block, {@code Multicast}), read with messages that
 * name the key ({@code Sensors (C1).Sensor.Pipe is missing}). Legacy files often hold numbers as strings
 * ({@code "Pin": "2"}); numeric reads accept both.
 */
public final class ConfigBlock {

    private final JsonNode node;
    private final String label;

    private ConfigBlock(JsonNode node, String label) {
        this.node = node;
        this.label = label;
    }

    public static ConfigBlock of(SensorConfig entry) {
        return new ConfigBlock(entry.sensor(), "Sensors (" + entry.codifier() + ").Sensor");
    }

    /** {@code node}, which must be an object, named {@code label} in messages (e.g. {@code Multicast}). */
    public static ConfigBlock of(JsonNode node, String label) {
        if (node == null || !node.isObject()) {
            throw new ConfigException(label + " must be an object");
        }
        return new ConfigBlock(node, label);
    }

    public String label() {
        return label;
    }

    public boolean has(String key) {
        return node.hasNonNull(key);
    }

    public String text(String key) {
        return optionalText(key).orElseThrow(() -> new ConfigException(path(key) + " is missing"));
    }

    public String text(String key, String fallback) {
        return optionalText(key).orElse(fallback);
    }

    public Optional<String> optionalText(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isValueNode()) {
            throw new ConfigException(path(key) + " must be text, not " + value);
        }
        return Optional.of(value.asText());
    }

    /**
     * A list of texts, written as a JSON list ({@code ["db1:5432", "db2:5432"]}) or as one text separated by commas
     * ({@code "db1:5432,db2:5432"}); empty when the key is absent.
     */
    public List<String> texts(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        List<String> texts = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new ConfigException(path(key) + " must be a list of texts, not " + value);
                }
                texts.add(item.asText().strip());
            }
        } else if (value.isValueNode()) {
            for (String part : value.asText().split(",")) {
                texts.add(part.strip());
            }
        } else {
            throw new ConfigException(path(key) + " must be text or a list of texts, not " + value);
        }
        if (texts.isEmpty() || texts.contains("")) {
            throw new ConfigException(path(key) + " has an empty item: " + value);
        }
        return List.copyOf(texts);
    }

    public double number(String key, double fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        return number(key, value);
    }

    public double number(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            throw new ConfigException(path(key) + " is missing");
        }
        return number(key, value);
    }

    public int integer(String key, int fallback) {
        return whole(key, number(key, fallback));
    }

    public int integer(String key) {
        return whole(key, number(key));
    }

    /** A TCP or UDP port, 1..65535. */
    public int port(String key, int fallback) {
        int port = integer(key, fallback);
        if (port < 1 || port > 65535) {
            throw new ConfigException(path(key) + " must be a port, 1..65535, not " + port);
        }
        return port;
    }

    /** A whole number that may exceed an int (a size in bytes). */
    public long wholeNumber(String key, long fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.asLong();
        }
        double number = number(key, value);
        if (number != Math.rint(number) || Math.abs(number) >= 0x1p63) {
            throw new ConfigException(path(key) + " must be a whole number, not " + value);
        }
        return (long) number;
    }

    private int whole(String key, double value) {
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new ConfigException(path(key) + " must be a whole number, not " + value);
        }
        return (int) value;
    }

    /** true or false, also as text ({@code "true"}) or 1/0, as legacy files write them; absent is {@code fallback}. */
    public boolean bool(String key, boolean fallback) {
        Boolean value = boolOrNull(key);
        return value == null ? fallback : value;
    }

    public Duration seconds(String key, Duration fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        double seconds = number(key, value);
        if (!(seconds > 0)) {
            throw new ConfigException(path(key) + " must be > 0 seconds, not " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** The {@code Proxy[]} entries, each with its {@code Codifier}. */
    public List<Proxy> proxies() {
        List<Proxy> proxies = new ArrayList<>();
        JsonNode list = node.get("Proxy");
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                ConfigBlock settings = new ConfigBlock(list.get(i), label + ".Proxy[" + i + "]");
                proxies.add(new Proxy(Codifier.of(settings.text("Codifier")), settings));
            }
        }
        return List.copyOf(proxies);
    }

    /**
     * Throws naming the first key not in {@code known}, and the keys that are: for blocks where a typo would silently
     * change behaviour. Keys starting with {@code __} are comments, as in the legacy config ({@code __comment}).
     */
    public void refuseUnknownKeys(Set<String> known) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key) && !key.startsWith("__")) {
                throw new ConfigException(path(key) + " is not a key here; the keys are " + new java.util.TreeSet<>(known));
            }
        }
    }

    /** Each key not in {@code known}, as a warning that it is ignored. */
    void warnUnknownKeys(Set<String> known, List<String> warnings) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                warnings.add(path(key) + " is not a key this version knows; ignored");
            }
        }
    }

    // The loader's readers: null when the key is absent, so the config records apply their defaults. They take
    // what the Java loader has always taken (it was Jackson's binding): "" and "null" as absent, "true" and 1.

    String textOrNull(String key) {
        return optionalText(key).orElse(null);
    }

    Double numberOrNull(String key) {
        return blank(key) ? null : number(key);
    }

    Integer integerOrNull(String key) {
        return blank(key) ? null : integer(key);
    }

    Boolean boolOrNull(String key) {
        if (blank(key)) {
            return null;
        }
        JsonNode value = node.get(key);
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual() && value.asText().strip().equalsIgnoreCase("true")
                || value.isNumber() && value.asDouble() == 1) {
            return true;
        }
        if (value.isTextual() && value.asText().strip().equalsIgnoreCase("false")
                || value.isNumber() && value.asDouble() == 0) {
            return false;
        }
        throw new ConfigException(path(key) + " must be true or false, not " + value);
    }

    private boolean blank(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull()
                || value.isTextual() && (value.asText().isBlank() || value.asText().strip().equals("null"));
    }

    ConfigBlock childOrNull(String key) {
        return has(key) ? child(key) : null;
    }

    /** The objects listed under {@code key}; empty when it is absent. */
    List<ConfigBlock> list(String key) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new ConfigException(path(key) + " must be a list, not " + value);
        }
        List<ConfigBlock> blocks = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            blocks.add(of(value.get(i), path(key) + "[" + i + "]"));
        }
        return blocks;
    }

    private String path(String key) {
        return label.isEmpty() ? key : label + "." + key;
    }

    /** The raw JSON, for drivers with structured settings. */
    public JsonNode json() {
        return node.deepCopy();
    }

    /** A child block, e.g. {@code Expressions}. */
    public ConfigBlock child(String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isObject()) {
            throw new ConfigException(path(key) + " must be an object");
        }
        return new ConfigBlock(value, path(key));
    }

    private double number(String key, JsonNode value) {
        return LenientNumber.of(value).orElseThrow(() -> new ConfigException(path(key) + " must be a number, not " + value));
    }

    /** One {@code Proxy[]} entry. */
    public record Proxy(Codifier codifier, ConfigBlock settings) {
    }
}
