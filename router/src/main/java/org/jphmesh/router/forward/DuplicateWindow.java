package org.jphmesh.router.forward;

import java.util.HashMap;
import java.util.Map;

/**
 * What the router has done with each frame identity lately: on which links it arrived and to which it
 * was sent, as one int per identity. Two generations of maps turn over every window, so an identity is
 * remembered for between one and two windows; used by the router's I/O thread only.
 */
final class DuplicateWindow {

    private final long windowNanos;
    private Map<Long, Integer> current = new HashMap<>();
    private Map<Long, Integer> previous = new HashMap<>();
    private long turnedAt;

    DuplicateWindow(long windowNanos, long now) {
        this.windowNanos = windowNanos;
        this.turnedAt = now;
    }

    /** The links bits recorded for {@code identity}, 0 when it is new. */
    int get(long identity, long now) {
        turnOver(now);
        Integer bits = current.get(identity);
        if (bits == null) {
            bits = previous.get(identity);
        }
        return bits == null ? 0 : bits;
    }

    void put(long identity, int bits) {
        current.put(identity, bits);
    }

    int size() {
        return current.size() + previous.size();
    }

    private void turnOver(long now) {
        if (now - turnedAt >= windowNanos) {
            previous = now - turnedAt >= 2 * windowNanos ? new HashMap<>() : current;
            current = new HashMap<>();
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
