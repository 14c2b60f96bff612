package org.jphmesh.bus.frame;

/**
 * The one-letter frame types of the legacy wire format, each bound to the bus it travels on.
 *
 * <p>The letter is the byte at offset 16 of every datagram. Lookup by byte is a table, so the
 * decoder pays one array read per frame; an unknown letter maps to {@code null} and the caller
 * counts it as malformed.
 */
public enum Flag {
    /** Keep-alive: the node exists, its payload says whether it is active. */
    ALIVE('I', BusChannel.CONTROL),
    /** A node's control sequence starts at this frame's sequence number. */
    NEW_SEQUENCE('N', BusChannel.CONTROL),
    /** Ping: answered by {@link #PONG} echoing the time component. */
    PING('P', BusChannel.CONTROL),
    /** Pong: the answer to a ping, carrying the ping's time component. */
    PONG('T', BusChannel.CONTROL),
    /** Start (resume) the addressed node's sensor timer and callbacks. */
    START('S', BusChannel.CONTROL),
    /** Halt the addressed node's sensor timer and callbacks; it keeps answering. */
    HALT('H', BusChannel.CONTROL),
    /** Reload the configuration and restart the control sequence. */
    RELOAD('C', BusChannel.CONTROL),
    /** Set the target value of a controllable sensor to the time component. */
    SET('A', BusChannel.CONTROL),
    /** Step the target value of a controllable sensor by the time component. */
    STEP('E', BusChannel.CONTROL),
    /**
     * Resend request (this project's addition, not a legacy flag): the addressee resends the data frames of
     * the addressed codifier in the {@link ResendRange} its time component carries.
     */
    RESEND('R', BusChannel.CONTROL),

    /** A reading as IEEE-754 float32. */
    FLOAT('f', BusChannel.DATA),
    /** A reading as unsigned 32-bit integer. */
    INTEGER('i', BusChannel.DATA),
    /** A codifier's data sequence starts here; value and sequence field both hold the start. */
    DATA_SEQUENCE('n', BusChannel.DATA),
    /** A reading as UTF-8 text. */
    TEXT('s', BusChannel.DATA),
    /** A reading as a UTF-8 JSON document, often {@code {"value":..}}. */
    JSON('j', BusChannel.DATA);

    private static final Flag[] BY_CODE = new Flag[256];

    static {
        for (Flag flag : values()) {
            BY_CODE[flag.code] = flag;
        }
    }

    private final byte code;
    private final BusChannel channel;

    Flag(char code, BusChannel channel) {
        this.code = (byte) code;
        this.channel = channel;
    }

    /** The flag for a wire byte, or {@code null} when the byte names no known flag. */
    public static Flag fromCode(byte code) {
        return BY_CODE[code & 0xFF];
    }

    /** The flag for its letter, e.g. {@code H}; throws with the valid letters when unknown. */
    public static Flag fromLetter(String letter) {
        if (letter != null && letter.length() == 1) {
            Flag flag = fromCode((byte) letter.charAt(0));
            if (flag != null && letter.charAt(0) < 128) {
                return flag;
            }
        }
        StringBuilder valid = new StringBuilder();
        for (Flag flag : values()) {
            valid.append(flag.letter());
        }
        throw new IllegalArgumentException("unknown flag '" + letter + "'; valid flags are " + valid);
    }

    public byte code() {
        return code;
    }

    public char letter() {
        return (char) code;
    }

    public BusChannel channel() {
        return channel;
    }
}
