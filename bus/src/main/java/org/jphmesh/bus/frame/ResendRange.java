package org.jphmesh.bus.frame;

/**
 * The data sequence numbers an {@code R} (resend request) asks for: {@code count} numbers from {@code first}
 * on, wrapping from 2^31-1 to 0 as senders do.
 *
 * <p>On the wire the range travels in the control payload's float64 time component as
 * {@code first * 65536 + count}. With {@code first < 2^31} and {@code count <= 1024} that is below 2^47, so
 * a double holds it exactly and any language can pack it with plain arithmetic.
 *
 * @param first the first missing sequence number, 0 .. 2^31-1
 * @param count how many numbers, 1 .. {@link #MAX_COUNT}
 */
public record ResendRange(long first, int count) {

    /** The most numbers one request may ask for; larger gaps are asked for in several requests. */
    public static final int MAX_COUNT = 1024;

    private static final double SHIFT = 65536;

    public ResendRange {
        if (first < 0 || first > Frame.MAX_SEQUENCE) {
            throw new IllegalArgumentException("first sequence must be 0..2^31-1, not " + first);
        }
        if (count < 1 || count > MAX_COUNT) {
            throw new IllegalArgumentException("count must be 1.." + MAX_COUNT + ", not " + count);
        }
    }

    /** The time component that carries this range: {@code first * 65536 + count}, exact in a double. */
    public double toTimeComponent() {
        return first * SHIFT + count;
    }

    /**
     * The range an {@code R}'s time component carries.
     *
     * @throws IllegalArgumentException when the value is not a whole number, or its first or count is out of range
     */
    public static ResendRange fromTimeComponent(double value) {
        if (!(value >= 0) || value != Math.rint(value) || value >= (Frame.MAX_SEQUENCE + 1) * SHIFT) {
            throw new IllegalArgumentException("a resend range is a whole number below 2^47, not " + value);
        }
        long encoded = (long) value;
        return new ResendRange(encoded >>> 16, (int) (encoded & 0xFFFF));
    }

    /** The {@code i}-th number of the range, {@code 0 <= i < count}. */
    public long sequence(int i) {
        return (first + i) & Frame.MAX_SEQUENCE;
    }

    /** Whether {@code sequence} is one of the numbers asked for, counting across the wrap. */
    public boolean contains(long sequence) {
        return Math.floorMod(sequence - first, Frame.MAX_SEQUENCE + 1) < count;
    }
}
