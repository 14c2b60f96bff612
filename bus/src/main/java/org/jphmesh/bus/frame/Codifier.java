package org.jphmesh.bus.frame;

/**
 * A node or sensor name on the mesh: exactly two printable ASCII characters, {@code @@} meaning everyone.
 *
 * <p>Each codifier is created once, when first seen, so the decoder turns two header bytes into a codifier
 * with one table read and, after the first sighting, no allocation.
 */
public record Codifier(String value) {

    private static final int FIRST = 0x21;
    private static final int LAST = 0x7E;
    private static final int SPAN = LAST - FIRST + 1;
    // Filled as codifiers are seen: a node meets a few dozen of the 8,836, and each costs two objects.
    private static final Codifier[] SEEN = new Codifier[SPAN * SPAN];

    /** The broadcast address: a frame to {@code @@} is for every node. */
    public static final Codifier BROADCAST = of("@@");

    public Codifier {
        if (value == null || value.length() != 2 || !valid(value.charAt(0)) || !valid(value.charAt(1))) {
            throw new IllegalArgumentException(
                    "a codifier is exactly two printable ASCII characters (like Q1 or @@), not '" + value + "'");
        }
    }

    /** Parses a codifier, throwing with a message that says what a codifier looks like. */
    public static Codifier of(String value) {
        if (value != null && value.length() == 2) {
            Codifier known = fromBytes((byte) value.charAt(0), (byte) value.charAt(1));
            if (known != null && value.charAt(0) < 128 && value.charAt(1) < 128) {
                return known;
            }
        }
        return new Codifier(value);
    }

    /** The codifier for two wire bytes, or {@code null} if either byte is not printable ASCII. */
    public static Codifier fromBytes(byte first, byte second) {
        int a = first & 0xFF;
        int b = second & 0xFF;
        if (a < FIRST || a > LAST || b < FIRST || b > LAST) {
            return null;
        }
        int index = (a - FIRST) * SPAN + (b - FIRST);
        Codifier known = SEEN[index];
        if (known == null) {
            // Two threads may each make one; records compare by value, so either serves.
            known = new Codifier(new String(new char[] {(char) a, (char) b}));
            SEEN[index] = known;
        }
        return known;
    }

    /** The number of distinct codifiers, and one more than the largest {@link #index()}. */
    public static final int COUNT = SPAN * SPAN;

    /** A dense number for this codifier, 0 to {@link #COUNT} - 1: for tables indexed by codifier, without hashing. */
    public int index() {
        return (value.charAt(0) - FIRST) * SPAN + (value.charAt(1) - FIRST);
    }

    /** The codifier whose {@link #index()} is {@code index}. */
    public static Codifier ofIndex(int index) {
        if (index < 0 || index >= COUNT) {
            throw new IllegalArgumentException("a codifier index is 0.." + (COUNT - 1) + ", not " + index);
        }
        return fromBytes((byte) (FIRST + index / SPAN), (byte) (FIRST + index % SPAN));
    }

    public boolean isBroadcast() {
        return this.equals(BROADCAST);
    }

    /** True when a frame addressed to this codifier is meant for {@code node}. */
    public boolean addresses(Codifier node) {
        return isBroadcast() || equals(node);
    }

    public byte firstByte() {
        return (byte) value.charAt(0);
    }

    public byte secondByte() {
        return (byte) value.charAt(1);
    }

    @Override
    public String toString() {
        return value;
    }

    private static boolean valid(char c) {
        return c >= FIRST && c <= LAST;
    }
}
