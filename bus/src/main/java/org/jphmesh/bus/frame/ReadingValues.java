package org.jphmesh.bus.frame;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.OptionalDouble;
import org.jphmesh.bus.json.JsonTree;

/**
 * The number a reading stands for, as the legacy receivers read it: an {@code f} as its shortest decimal,
 * an {@code i} as is, a {@code j} through its {@code value} member (or the document itself when it is a
 * number), an {@code s} when its text is a number or True/False. Sequence announcements stand for none.
 */
public final class ReadingValues {

    private ReadingValues() {
    }

    public static OptionalDouble numeric(DataPayload payload) {
        if (payload instanceof FloatReading reading) {
            return OptionalDouble.of(Double.parseDouble(Float.toString(reading.value())));
        }
        if (payload instanceof IntegerReading reading) {
            return OptionalDouble.of(reading.value());
        }
        if (payload instanceof TextReading text) {
            return parse(text.text());
        }
        if (payload instanceof JsonReading json) {
            return fromJson(json.json());
        }
        return OptionalDouble.empty();
    }

    private static OptionalDouble fromJson(String json) {
        try {
            JsonNode node = JsonTree.read(json);
            JsonNode value = node != null && node.isObject() ? node.get("value") : node;
            if (value == null) {
                return OptionalDouble.empty();
            }
            if (value.isNumber()) {
                return OptionalDouble.of(value.asDouble());
            }
            if (value.isBoolean()) {
                return OptionalDouble.of(value.asBoolean() ? 1 : 0);
            }
            return value.isTextual() ? parse(value.asText()) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    private static OptionalDouble parse(String text) {
        String trimmed = text.trim();
        if (trimmed.equalsIgnoreCase("true")) {
            return OptionalDouble.of(1);
        }
        if (trimmed.equalsIgnoreCase("false")) {
            return OptionalDouble.of(0);
        }
        try {
            return OptionalDouble.of(Double.parseDouble(trimmed));
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }
}
