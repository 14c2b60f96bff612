package org.jphmesh.bus.frame;

import java.util.Objects;

/**
 * One JPH datagram, decoded: header fields and a typed payload.
 *
 * <p>The flag decides the bus and the payload kind, and the compact constructor refuses a
 * mismatch, so every {@code Frame} in the system can be encoded back to a valid datagram.
 *
 * @param sequence  the sender's sequence number, unsigned 32-bit (senders wrap at 2^31-1)
 * @param timestamp milliseconds since the Unix epoch (UTC) when the frame was sent
 */
public record Frame(long sequence, long timestamp, Flag flag, Codifier from, Codifier to, Payload payload) {

    /** Senders count 0 .. 2^31-1 and wrap to 0, as the legacy nodes do. */
    public static final long MAX_SEQUENCE = 0x7FFF_FFFFL;

    public Frame {
        if (sequence < 0 || sequence > IntegerReading.MAX) {
            throw new IllegalArgumentException("sequence must be an unsigned 32-bit integer, not " + sequence);
        }
        if (timestamp < 0) {
            throw new IllegalArgumentException("timestamp must be >= 0, not " + timestamp);
        }
        Objects.requireNonNull(flag, "flag");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(payload, "payload");
        boolean fits = flag.channel() == BusChannel.CONTROL
                ? payload instanceof ControlPayload
                : payload instanceof DataPayload data && data.flag() == flag;
        if (!fits) {
            throw new IllegalArgumentException("flag " + flag.letter() + " cannot carry " + payload);
        }
    }

    /** A control frame. */
    public static Frame control(long sequence, long timestamp, Flag flag, Codifier from, Codifier to,
                                double timeComponent, boolean active) {
        return new Frame(sequence, timestamp, flag, from, to, new ControlPayload(timeComponent, active));
    }

    /** A data frame; data always goes to {@code @@}. */
    public static Frame data(long sequence, long timestamp, Codifier from, DataPayload payload) {
        return new Frame(sequence, timestamp, payload.flag(), from, Codifier.BROADCAST, payload);
    }

    /** The sequence that follows {@code sequence}, wrapping from 2^31-1 to 0. */
    public static long nextSequence(long sequence) {
        return sequence >= MAX_SEQUENCE ? 0 : sequence + 1;
    }

    public BusChannel channel() {
        return flag.channel();
    }

    /** The control payload; only valid on control frames. */
    public ControlPayload control() {
        if (payload instanceof ControlPayload control) {
            return control;
        }
        throw new IllegalStateException("frame " + flag.letter() + " is not a control frame");
    }

    @Override
    public String toString() {
        return flag.channel().label() + " " + flag.letter() + " " + from + "->" + to + " #" + sequence
                + " @" + timestamp + " " + payload;
    }
}
