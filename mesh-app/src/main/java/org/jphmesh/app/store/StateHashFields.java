package org.jphmesh.app.store;

import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * Reads the fields of a codifier's latest-state hash in Redis as the collector writes them, in jphRedis's
 * Python text: {@code Value} a number or {@code True}/{@code False} (a boolean reading, 1 or 0 as on the bus)
 * or other text; {@code DTimestamp} and {@code ITimestamp} epoch milliseconds. The one reader of them: the
 * dashboard seeds its tiles with it and a set-point node finds its last target with it.
 */
public final class StateHashFields {

    private StateHashFields() {
    }

    /** {@code Value} as a number (True 1, False 0); empty for other text or a missing field. */
    public static OptionalDouble value(String raw) {
        if ("True".equals(raw)) {
            return OptionalDouble.of(1);
        }
        if ("False".equals(raw)) {
            return OptionalDouble.of(0);
        }
        return number(raw);
    }

    /** A timestamp field in epoch milliseconds; empty when missing or not a number. */
    public static OptionalLong millis(String raw) {
        OptionalDouble number = number(raw);
        return number.isPresent() ? OptionalLong.of((long) number.getAsDouble()) : OptionalLong.empty();
    }

    private static OptionalDouble number(String raw) {
        if (raw == null) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(raw));
        } catch (NumberFormatException notANumber) {
            return OptionalDouble.empty();
        }
    }
}
