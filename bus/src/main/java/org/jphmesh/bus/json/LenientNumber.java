package org.jphmesh.bus.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalDouble;

/**
 * A number as legacy files and hand-written requests give it: a JSON number, or text holding one
 * ({@code "Pin": "2"}, {@code " 21.5 "}). The one reading of such values; each caller says in its own words
 * which key or field was wrong when this comes back empty.
 */
public final class LenientNumber {

    private LenientNumber() {
    }

    /** The value as a double, or empty when it is neither a number nor text that parses as one. */
    public static OptionalDouble of(JsonNode value) {
        if (value == null) {
            return OptionalDouble.empty();
        }
        if (value.isNumber()) {
            return OptionalDouble.of(value.asDouble());
        }
        if (value.isTextual()) {
            try {
                return OptionalDouble.of(Double.parseDouble(value.asText().trim()));
            } catch (NumberFormatException notANumber) {
                return OptionalDouble.empty();
            }
        }
        return OptionalDouble.empty();
    }
}
