package org.jphmesh.sensor.driver;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;

/**
 * An entry's {@code Sensor} block, read with messages that name the key
 * ({@code Sensors (C1).Sensor.Pipe is missing}). Legacy files often hold numbers as strings
 * ({@code "Pin": "2"}); numeric reads accept both.
 */
public final class Settings {

    private final JsonNode node;
    private final String label;

    private Settings(JsonNode node, String label) {
        this.node = node;
        this.label = label;
    }

    public static Settings of(SensorConfig entry) {
        return new Settings(entry.sensor(), "Sensors (" + entry.codifier() + ").Sensor");
    }

    public String label() {
        return label;
    }

    public boolean has(String key) {
        return node.hasNonNull(key);
    }

    public String text(String key) {
        return optionalText(key).orElseThrow(() -> new ConfigException(label + "." + key + " is missing"));
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
            throw new ConfigException(label + "." + key + " must be text, not " + value);
        }
        return Optional.of(value.asText());
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
            throw new ConfigException(label + "." + key + " is missing");
        }
        return number(key, value);
    }

    public int integer(String key, int fallback) {
        double value = number(key, fallback);
        if (value != Math.rint(value)) {
            throw new ConfigException(label + "." + key + " must be a whole number, not " + value);
        }
        return (int) value;
    }

    public int integer(String key) {
        double value = number(key);
        if (value != Math.rint(value)) {
            throw new ConfigException(label + "." + key + " must be a whole number, not " + value);
        }
        return (int) value;
    }

    public boolean bool(String key, boolean fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        throw new ConfigException(label + "." + key + " must be true or false, not " + value);
    }

    public Duration seconds(String key, Duration fallback) {
        JsonNode value = node.get(key);
        if (value == null || value.isNull()) {
            return fallback;
        }
        double seconds = number(key, value);
        if (!(seconds > 0)) {
            throw new ConfigException(label + "." + key + " must be > 0 seconds, not " + seconds);
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    /** The {@code Proxy[]} entries, each with its {@code Codifier}. */
    public List<Proxy> proxies() {
        List<Proxy> proxies = new ArrayList<>();
        JsonNode list = node.get("Proxy");
        if (list != null && list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                Settings settings = new Settings(list.get(i), label + ".Proxy[" + i + "]");
                proxies.add(new Proxy(Codifier.of(settings.text("Codifier")), settings));
            }
        }
        return List.copyOf(proxies);
    }

    /** The raw JSON, for drivers with structured settings. */
    public JsonNode json() {
        return node.deepCopy();
    }

    /** A child block, e.g. {@code Expressions}. */
    public Settings child(String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isObject()) {
            throw new ConfigException(label + "." + key + " must be an object");
        }
        return new Settings(value, label + "." + key);
    }

    private double number(String key, JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual()) {
            try {
                return Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        throw new ConfigException(label + "." + key + " must be a number, not " + value);
    }

    /** One {@code Proxy[]} entry. */
    public record Proxy(Codifier codifier, Settings settings) {
    }
}
