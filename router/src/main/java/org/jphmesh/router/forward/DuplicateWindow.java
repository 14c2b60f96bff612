package org.jphmesh.router.forward;

import org.agrona.collections.Long2LongHashMap;

/**
 * What the router has done with each frame identity lately: on which links it arrived and to which it
 * was sent, as one int per identity. Two generations of maps turn over every window, so an identity is
 * remembered for between one and two windows; used by the router's I/O thread only. The maps are primitive
 * (Agrona): at 100,000 frames/s a boxed map spent a quarter of the forwarding path in lookups.
 */
final class DuplicateWindow {

    private static final int INITIAL_CAPACITY = 1024;

    private final long windowNanos;
    private Long2LongHashMap current = new Long2LongHashMap(INITIAL_CAPACITY, 0.5f, 0);
    private Long2LongHashMap previous = new Long2LongHashMap(INITIAL_CAPACITY, 0.5f, 0);
    private long turnedAt;

    DuplicateWindow(long windowNanos, long now) {
        this.windowNanos = windowNanos;
        this.turnedAt = now;
    }

    /** The links bits recorded for {@code identity}, 0 when it is new. */
    int get(long identity, long now) {
        turnOver(now);
        long bits = current.get(identity);
        return (int) (bits != 0 ? bits : previous.get(identity));
    }

    /** Records {@code bits}, never 0: every recorded frame arrived somewhere. */
    void put(long identity, int bits) {
        current.put(identity, bits);
    }

    int size() {
        return current.size() + previous.size();
    }

    private void turnOver(long now) {
        if (now - turnedAt >= windowNanos) {
            Long2LongHashMap oldest = previous;
            oldest.clear();
            if (now - turnedAt >= 2 * windowNanos) {
                current.clear();
            }
            previous = current;
            current = oldest;
            turnedAt = now;
        }
    }

    /**
     * A 64-bit fingerprint of what makes a frame itself: sender, flag, sequence and timestamp, read from
     * the header at its fixed offsets (protocol.md section 2).
     */
    static long identity(long sequence, long timestamp, byte flag, short from) {
        long head = (sequence & 0xFFFF_FFFFL) << 24 | (flag & 0xFFL) << 16 | (from & 0xFFFFL);
        return mix(head) ^ mix(timestamp + 0x9E37_79B9_7F4A_7C15L);
    }

    // SplitMix64's finaliser: every input bit moves about half the output bits.
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
        return z ^ (z >>> 31);
    }
}
