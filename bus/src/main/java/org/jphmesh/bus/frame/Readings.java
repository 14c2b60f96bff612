package org.jphmesh.bus.frame;

/**
 * Chooses the wire kind for a value so that nothing is lost on the way: a number float32 holds exactly
 * goes as {@code f}, a whole number 0..2^32-1 as {@code i}, and anything else as {@code j}
 * {@code {"value":...}} with every digit, which legacy receivers read through its {@code value} member.
 */
public final class Readings {

    private Readings() {
    }

    public static DataPayload of(double value) {
        if ((double) (float) value == value || Double.isNaN(value) || Double.isInfinite(value)) {
            return new FloatReading((float) value);
        }
        return new JsonReading("{\"value\":" + value + "}");
    }

    public static DataPayload of(float value) {
        return new FloatReading(value);
    }

    public static DataPayload of(long value) {
        if (value >= 0 && value <= IntegerReading.MAX) {
            return new IntegerReading(value);
        }
        return new JsonReading("{\"value\":" + value + "}");
    }

    public static DataPayload of(boolean value) {
        return new IntegerReading(value ? 1 : 0);
    }

    public static DataPayload text(String text) {
        return new TextReading(text);
    }

    public static DataPayload json(String json) {
        return new JsonReading(json);
    }
}
