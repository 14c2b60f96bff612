package org.jphmesh.bus.json;

import java.math.BigDecimal;

/**
 * A finite double as the shortest plain decimal ({@code 42}, {@code -0.5}, {@code 0.0000001}, never {@code 4.2E1}):
 * one spelling for state labels' keys, MQTT payloads, CSV files and command templates, so a value looked up by its
 * text is found wherever it was written.
 */
public final class PlainNumber {

    private PlainNumber() {
    }

    /** The plain spelling of {@code value}, which must be finite (callers decide what NaN and infinities read as). */
    public static String of(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("only a finite number has a plain spelling, not " + value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
