package org.jphmesh.bus.node;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.ResendRange;

/**
 * The data frames a node sent most recently, per codifier, kept to answer resend requests ({@code R}).
 *
 * <p>Each codifier has a ring of {@link #CAPACITY} slots indexed by sequence number, so a lookup is one
 * array read and a frame is kept as the immutable record that was sent, no copy of its bytes. Text and
 * JSON readings can be large, so a ring also stops at {@link #MAX_BYTES} of datagrams and drops its oldest
 * frames first: a node sending 1 KiB JSON readings keeps the last 256 of them, one sending floats the last 1,024.
 */
final class SentFrames {

    /** Frames kept per codifier; one {@code R} may ask for as many ({@link ResendRange#MAX_COUNT}). */
    static final int CAPACITY = ResendRange.MAX_COUNT;
    /** Datagram bytes kept per codifier. */
    static final int MAX_BYTES = 256 * 1024;

    private static final long MODULUS = Frame.MAX_SEQUENCE + 1;

    private final Map<Codifier, Ring> rings = new ConcurrentHashMap<>();

    /** Keeps a data frame just sent; frames of one codifier come in sequence order. */
    void remember(Frame frame) {
        rings.computeIfAbsent(frame.from(), c -> new Ring()).add(frame);
    }

    /** The frames of {@code codifier} in {@code range} that are still kept, in sequence order. */
    List<Frame> find(Codifier codifier, ResendRange range) {
        Ring ring = rings.get(codifier);
        return ring == null ? List.of() : ring.find(range);
    }

    private static final class Ring {
        private final Frame[] slots = new Frame[CAPACITY];
        private final int[] lengths = new int[CAPACITY];
        private int size;
        private long newest;
        private long bytes;

        synchronized void add(Frame frame) {
            int slot = slot(frame.sequence());
            if (slots[slot] != null) {
                bytes -= lengths[slot];
            }
            slots[slot] = frame;
            lengths[slot] = FrameCodec.encodedLength(frame);
            bytes += lengths[slot];
            newest = frame.sequence();
            size = Math.min(size + 1, CAPACITY);
            while (bytes > MAX_BYTES && size > 1) {
                int oldest = slot(newest - size + 1);
                bytes -= lengths[oldest];
                slots[oldest] = null;
                size--;
            }
        }

        synchronized List<Frame> find(ResendRange range) {
            List<Frame> found = new ArrayList<>();
            for (int i = 0; i < range.count(); i++) {
                long sequence = range.sequence(i);
                if (Math.floorMod(newest - sequence, MODULUS) < size) {
                    Frame frame = slots[slot(sequence)];
                    if (frame != null && frame.sequence() == sequence) {
                        found.add(frame);
                    }
                }
            }
            return found;
        }

        // 2^31 is a multiple of the capacity, so the slot of a number stays right across the wrap.
        private static int slot(long sequence) {
            return (int) Math.floorMod(sequence, (long) CAPACITY);
        }
    }
}
