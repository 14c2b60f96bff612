package org.jphmesh.bus.frame;

/**
 * A float32 reading, flag {@code f}: exactly what the wire carries.
 *
 * <p>float32 holds about seven significant digits; {@link #value()} is the exact wire value and
 * {@link #toString()} prints its shortest decimal form ({@code 21.5}, not {@code 21.5000000001}).
 * Senders that need more precision use {@link JsonReading} (the node runtime does so automatically).
 */
public record FloatReading(float value) implements DataPayload {

    @Override
    public Flag flag() {
        return Flag.FLOAT;
    }

    @Override
    public String toString() {
        return Float.toString(value);
    }
}
