package org.jphmesh.bus.frame;

/**
 * Chooses the wire kind for a value so that nothing is lost on the way. A number whose float32 prints
 * back as the same decimal (21.37 travels as 21.37f, which every receiver shows as 21.37) goes as
 * {@code f}; a whole number 0..2^32-1 as {@code i}; anything with more digits than float32 keeps goes
 * as {@code j} {@code {"value":...}}, which legacy receivers read through its {@code value} member.
 */
public final class Readings {

    private Readings() {
    }

    public static DataPayload of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value) || fitsFloat(value)) {
            return new FloatReading((float) value);
        }
        return new JsonReading("{\"value\":" + value + "}");
    }

    /** True when float32's shortest decimal form reads back as exactly this double. */
    public static boolean fitsFloat(double value) {
        float narrowed = (float) value;
        return !Float.isInfinite(narrowed) && Double.parseDouble(Float.toString(narrowed)) == value;
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
