package org.jphmesh.bus.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jphmesh.bus.json.PlainNumber;

/**
 * The words a discrete sensor's values stand for, from an entry's {@code "States": {"0": "closed", "1": "open"}}.
 * Keys are kept in their {@link PlainNumber} spelling ({@code "1"}, {@code "0.5"}, {@code "-2"}), the way a browser or
 * MQTT client prints the number, so every reader looks a label up by the same text. A {@code "DataType": "bool"} entry
 * without {@code States} reads {@code off}/{@code on}.
 */
public record StateLabels(Map<String, String> labels) {

    public static final StateLabels NONE = new StateLabels(Map.of());
    public static final StateLabels ON_OFF = new StateLabels(Map.of("0", "off", "1", "on"));
    /** Enough for any panel of states; a config with more is a mistake worth naming. */
    public static final int MAX_STATES = 64;

    public StateLabels {
        labels = Map.copyOf(labels);
    }

    /** The {@code States} key of the entry {@code label}, or {@link #NONE} when absent; refuses anything but number keys and text. */
    static StateLabels read(JsonNode states, String label) {
        if (states == null || states.isNull()) {
            return NONE;
        }
        String key = label + ".States";
        if (!states.isObject() || states.isEmpty()) {
            throw new ConfigException(key + " must be an object of value to label, like {\"0\": \"closed\", \"1\": \"open\"}");
        }
        if (states.size() > MAX_STATES) {
            throw new ConfigException(key + " may list at most " + MAX_STATES + " states, not " + states.size());
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = states.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String value = canonical(field.getKey())
                    .orElseThrow(() -> new ConfigException(key + " keys must be numbers, not '" + field.getKey() + "'"));
            JsonNode text = field.getValue();
            if (!text.isTextual() || text.asText().isBlank()) {
                throw new ConfigException(key + "." + field.getKey() + " must be a non-empty label, not " + text);
            }
            if (labels.put(value, text.asText().strip()) != null) {
                throw new ConfigException(key + " names the value " + value + " twice");
            }
        }
        return new StateLabels(labels);
    }

    /** The labels that apply to an entry: its own, else on/off for a bool, else none. */
    public static StateLabels of(SensorConfig entry) {
        if (!entry.states().isEmpty()) {
            return entry.states();
        }
        return entry.dataType() == DataType.BOOL ? ON_OFF : NONE;
    }

    public boolean isEmpty() {
        return labels.isEmpty();
    }

    /** The label of {@code value}, if one is configured. */
    public Optional<String> label(double value) {
        return Double.isFinite(value) ? Optional.ofNullable(labels.get(PlainNumber.of(value))) : Optional.empty();
    }

    private static Optional<String> canonical(String text) {
        try {
            double value = new BigDecimal(text.strip()).doubleValue();
            return Double.isFinite(value) ? Optional.of(PlainNumber.of(value)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
