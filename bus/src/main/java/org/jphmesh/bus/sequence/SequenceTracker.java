package org.jphmesh.bus.sequence;

/**
 * Accounting of one sender's sequence on one bus: received, lost, duplicated, reordered, restarts.
 *
 * <p>The highest number seen and a 1,024-frame window behind it tell a late frame (reordered: it
 * was counted lost, now it is not) from a repeat (duplicate). Arithmetic is modulo 2^31 because
 * senders wrap there. A jump further back than the window, or further ahead than
 * {@link #MAX_GAP}, is a sender restart whose announcement was lost, not a million lost frames.
 *
 * <p>Synchronized: one I/O thread writes, readers take snapshots from anywhere.
 */
public final class SequenceTracker {

    /** Forward jumps beyond this are treated as an unannounced restart rather than loss. */
    public static final long MAX_GAP = 1_000_000;
    static final int WINDOW = 1024;

    private static final long MODULUS = 1L << 31;
    private static final long HALF = 1L << 30;

    private final long[] window = new long[WINDOW / 64];
    private boolean started;
    private long highest;
    /** How many numbers behind {@link #highest} this stream has been counting since its (re)start. */
    private long span;
    private long received;
    private long lost;
    private long duplicated;
    private long reordered;
    private long restarts;
    private long lastSeenMillis;

    /** A frame announcing a new sequence ({@code N} or {@code n}), whose own number is the start. */
    public synchronized SequenceOutcome restart(long start, long nowMillis) {
        boolean wasStarted = started;
        reset(start & (MODULUS - 1));
        received++;
        lastSeenMillis = nowMillis;
        if (wasStarted) {
            restarts++;
            return SequenceOutcome.RESTART;
        }
        return SequenceOutcome.FIRST;
    }

    /** Any other frame of the stream. */
    public synchronized SequenceOutcome observe(long sequence, long nowMillis) {
        long seq = sequence & (MODULUS - 1);
        lastSeenMillis = nowMillis;
        received++;
        if (!started) {
            reset(seq);
            return SequenceOutcome.FIRST;
        }
        long ahead = Math.floorMod(seq - highest, MODULUS);
        if (ahead == 0) {
            duplicated++;
            return SequenceOutcome.DUPLICATE;
        }
        if (ahead < HALF) {
            if (ahead > MAX_GAP) {
                restarts++;
                reset(seq);
                return SequenceOutcome.RESTART;
            }
            slide(ahead);
            highest = seq;
            span = Math.min(span + ahead, WINDOW);
            mark(0);
            lost += ahead - 1;
            return ahead == 1 ? SequenceOutcome.IN_ORDER : SequenceOutcome.GAP;
        }
        long behind = MODULUS - ahead;
        if (behind >= WINDOW) {
            restarts++;
            reset(seq);
            return SequenceOutcome.RESTART;
        }
        if (isMarked((int) behind)) {
            duplicated++;
            return SequenceOutcome.DUPLICATE;
        }
        mark((int) behind);
        reordered++;
        if (behind <= span) {
            // Counted lost when the gap opened; it is not lost after all. Earlier than the start, it never was.
            lost--;
        }
        return SequenceOutcome.REORDERED;
    }

    public synchronized long lastSequence() {
        return highest;
    }

    synchronized long[] counts() {
        return new long[] {received, lost, duplicated, reordered, restarts, highest, lastSeenMillis};
    }

    private void reset(long seq) {
        java.util.Arrays.fill(window, 0);
        started = true;
        highest = seq;
        span = 0;
        mark(0);
    }

    // Bit i of the window is the frame i numbers behind the highest.
    private void slide(long by) {
        if (by >= WINDOW) {
            java.util.Arrays.fill(window, 0);
            return;
        }
        int words = (int) (by >>> 6);
        int bits = (int) (by & 63);
        for (int i = window.length - 1; i >= 0; i--) {
            int src = i - words;
            long value = src >= 0 ? window[src] << bits : 0;
            if (bits != 0 && src - 1 >= 0) {
                value |= window[src - 1] >>> (64 - bits);
            }
            window[i] = value;
        }
    }

    private void mark(int behind) {
        window[behind >>> 6] |= 1L << (behind & 63);
    }

    private boolean isMarked(int behind) {
        return (window[behind >>> 6] & (1L << (behind & 63))) != 0;
    }
}
