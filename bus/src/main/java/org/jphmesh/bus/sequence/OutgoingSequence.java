package org.jphmesh.bus.sequence;

import java.util.concurrent.atomic.AtomicLong;
import java.util.random.RandomGenerator;
import org.jphmesh.bus.frame.Frame;

/**
 * A sender's sequence: starts at a random number (announced with {@code N} or {@code n}, whose own
 * sequence field is the start), then counts up by one per frame and wraps from 2^31-1 to 0.
 */
public final class OutgoingSequence {

    private final long start;
    private final AtomicLong last;

    public OutgoingSequence(long start) {
        if (start < 0 || start > Frame.MAX_SEQUENCE) {
            throw new IllegalArgumentException("sequence start must be 0..2^31-1, not " + start);
        }
        this.start = start;
        this.last = new AtomicLong(start);
    }

    /** A sequence starting at a random point, as the legacy nodes pick theirs. */
    public static OutgoingSequence random(RandomGenerator random) {
        return new OutgoingSequence(random.nextLong(Frame.MAX_SEQUENCE));
    }

    public long start() {
        return start;
    }

    /** True when {@code sequence} was given out here: the start, or a number up to the last one taken. */
    public boolean issued(long sequence) {
        long modulus = Frame.MAX_SEQUENCE + 1;
        long taken = Math.floorMod(last.get() - start, modulus);
        return Math.floorMod(sequence - start, modulus) <= taken;
    }

    /** The sequence number of the next frame after the announcement. */
    public long next() {
        return last.updateAndGet(Frame::nextSequence);
    }
}
