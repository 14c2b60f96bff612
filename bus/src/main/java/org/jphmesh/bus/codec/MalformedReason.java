package org.jphmesh.bus.codec;

import java.util.Locale;

/** Why a datagram was dropped. Each reason is counted separately, so operators can tell noise from a broken sender. */
public enum MalformedReason {
    /** Fewer than the 28 header bytes. */
    TOO_SHORT,
    /** Larger than {@link FrameCodec#MAX_DATAGRAM_BYTES}. */
    OVERSIZE,
    /** The length field promises more payload than the datagram holds. */
    TRUNCATED,
    /** The datagram holds more bytes than the length field accounts for. */
    TRAILING_BYTES,
    /** The flag byte is not a known JPH flag. */
    UNKNOWN_FLAG,
    /** A codifier byte is not printable ASCII. */
    BAD_CODIFIER,
    /**
     * The payload size does not fit the flag (control 9, f/i/n 4, s/j 4 + text length), or the timestamp
     * is 2^63 ms or more (no real clock, and Java's signed long cannot hold it).
     */
    BAD_PAYLOAD,
    /** Text or JSON payload that is not valid UTF-8. */
    BAD_TEXT,
    /** A control flag on the data bus or a data flag on the control bus. */
    WRONG_CHANNEL;

    /** The lower-case name used in metrics and logs. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
