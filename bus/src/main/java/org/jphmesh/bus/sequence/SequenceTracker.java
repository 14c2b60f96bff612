package org.jphmesh.bus.sequence;

import java.util.Arrays;

/**
 * Accounting of one sender's sequence on one bus: received, lost, duplicated, reordered, restarts.
 *
 * <p>The highest number seen and a 1,024-frame window behind it tell a late frame (reordered: it
 * was counted lost, now it is not) from a repeat (duplicate). Arithmetic is modulo 2^31 because
 * senders wrap there. A jump further back than the window, or further ahead than {@link #MAX_GAP},
 * is either a stale frame or a sender restart whose announcement was lost: it is held as a candidate
 * ({@link SequenceOutcome#STALE}, counted as reordered) and becomes a restart only when the next frame
 * follows it, so one stray datagram never turns into thousands of frames counted lost.
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
    private long candidate = -1;
    private long received;
    private long lost;
    private long duplicated;
    private long reordered;
    private long restarts;
    private long lastSeenMillis;
    /** How many numbers the latest {@link SequenceOutcome#GAP} skipped. */
    private long lastGap;

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
        boolean farAway = (ahead < HALF && ahead > MAX_GAP) || (ahead >= HALF && MODULUS - ahead >= WINDOW);
        if (farAway) {
            return farJump(seq);
        }
        candidate = -1;
        if (ahead == 0) {
            duplicated++;
            return SequenceOutcome.DUPLICATE;
        }
        if (ahead < HALF) {
            slide(ahead);
            highest = seq;
            span = Math.min(span + ahead, WINDOW);
            mark(0);
            lost += ahead - 1;
            if (ahead == 1) {
                return SequenceOutcome.IN_ORDER;
            }
            lastGap = ahead - 1;
            return SequenceOutcome.GAP;
        }
        long behind = MODULUS - ahead;
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

    private SequenceOutcome farJump(long seq) {
        if (candidate >= 0 && seq == ((candidate + 1) & (MODULUS - 1))) {
            restarts++;
            reset(candidate);
            slide(1);
            highest = seq;
            span = 1;
            mark(0);
            candidate = -1;
            return SequenceOutcome.RESTART;
        }
        candidate = seq;
        reordered++;
        return SequenceOutcome.STALE;
    }

    public synchronized long lastSequence() {
        return highest;
    }

    /** How many numbers the latest {@link SequenceOutcome#GAP} of this stream skipped; 0 before the first gap. */
    public synchronized long lastGap() {
        return lastGap;
    }

    /** Whether {@code sequence} arrived: the highest, or marked in the window behind it. */
    public synchronized boolean isReceived(long sequence) {
        if (!started) {
            return false;
        }
        long ahead = Math.floorMod((sequence & (MODULUS - 1)) - highest, MODULUS);
        if (ahead == 0) {
            return true;
        }
        long behind = MODULUS - ahead;
        return ahead >= HALF && behind < WINDOW && isMarked((int) behind);
    }

    /**
     * Whether {@code sequence} was skipped and has not arrived since: it lies at most {@code withinLast} numbers
     * behind the highest received (and inside the window), after the stream's (re)start, and is not marked
     * received. Loss repair asks this before asking for a number again.
     */
    public synchronized boolean isMissing(long sequence, int withinLast) {
        if (!started) {
            return false;
        }
        long ahead = Math.floorMod((sequence & (MODULUS - 1)) - highest, MODULUS);
        if (ahead < HALF) {
            // The highest itself, or a number not sent yet as far as this stream knows.
            return false;
        }
        long behind = MODULUS - ahead;
        return behind <= Math.min(withinLast, WINDOW - 1) && behind <= span && !isMarked((int) behind);
    }

    synchronized long[] counts() {
        return new long[] {received, lost, duplicated, reordered, restarts, highest, lastSeenMillis};
    }

    private void reset(long seq) {
        Arrays.fill(window, 0);
        started = true;
        highest = seq;
        span = 0;
        candidate = -1;
        mark(0);
    }

    // Bit i of the window is the frame i numbers behind the highest.
    private void slide(long by) {
        if (by >= WINDOW) {
            Arrays.fill(window, 0);
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
