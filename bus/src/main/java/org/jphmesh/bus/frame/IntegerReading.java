package org.jphmesh.bus.frame;

/** An unsigned 32-bit reading, flag {@code i}: 0 to 4294967295, held in a {@code long}. */
public record IntegerReading(long value) implements DataPayload {

    public static final long MAX = 0xFFFF_FFFFL;

    public IntegerReading {
        if (value < 0 || value > MAX) {
            throw new IllegalArgumentException("an i reading is an unsigned 32-bit integer, not " + value);
        }
    }

    @Override
    public Flag flag() {
        return Flag.INTEGER;
    }
}
