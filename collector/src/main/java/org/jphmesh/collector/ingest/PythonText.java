package org.jphmesh.collector.ingest;

import com.fasterxml.jackson.core.io.schubfach.DoubleToDecimal;
import com.fasterxml.jackson.core.io.schubfach.FloatToDecimal;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.IntegerReading;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.TextReading;
import org.jphmesh.bus.json.JsonTree;

/**
 * Values as the legacy jphRedis left them in Redis, where the legacy dashboard and scripts read them: redis-py
 * wrote {@code str()} of an int and a bool ({@code 7}, {@code True}), {@code repr()} of a float ({@code 21.5},
 * {@code 1796000000000.0}, {@code 1e+16}), text as text, and a {@code j} reading's {@code value} member.
 *
 * <p>One deliberate difference: an {@code f} reading is written as the shortest decimal of its float32
 * ({@code 21.3}), where Python widened it to a double first and wrote {@code 21.299999237060547}; both read back
 * as the same float32, and the short form is what the sensor sent (docs/migrate-from-python.md).
 */
public final class PythonText {

    private PythonText() {
    }

    /** The {@code Value} field for a reading. */
    public static String reading(DataPayload payload) {
        if (payload instanceof FloatReading reading) {
            return repr(shortest(FloatToDecimal.toString(reading.value())), reading.value());
        }
        if (payload instanceof IntegerReading reading) {
            return Long.toString(reading.value());
        }
        if (payload instanceof TextReading text) {
            return text.text();
        }
        if (payload instanceof JsonReading json) {
            return json(json.json());
        }
        return payload.toString();
    }

    /** Python's {@code repr()} of a float: the shortest decimal that reads back as {@code value}. */
    public static String number(double value) {
        return repr(Double.isFinite(value) ? shortest(DoubleToDecimal.toString(value)) : null, value);
    }

    // The value member as Python's str() would print what json.loads gave; a document without one, as it came.
    private static String json(String text) {
        JsonNode document;
        try {
            document = JsonTree.read(text);
        } catch (IOException e) {
            return text;
        }
        JsonNode value = document != null && document.isObject() ? document.get("value") : null;
        if (value == null) {
            return text;
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return number(value.doubleValue());
        }
        if (value.isTextual()) {
            return value.textValue();
        }
        return value.isNull() ? "None" : value.toString();
    }

    // Schubfach (Jackson's, as JDK 19 has it): JDK 17's Double.toString is not always the shortest, Python's repr is.
    private static BigDecimal shortest(String digits) {
        return new BigDecimal(digits);
    }

    // CPython's repr: positional notation for decimal exponents -4..15, else d.ddde+XX, always a digit after the point.
    private static String repr(BigDecimal decimal, double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0.0" : "0.0";
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        int exponent = stripped.precision() - stripped.scale() - 1;
        if (exponent >= -4 && exponent < 16) {
            String plain = stripped.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        String digits = stripped.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String sign = stripped.signum() < 0 ? "-" : "";
        return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
