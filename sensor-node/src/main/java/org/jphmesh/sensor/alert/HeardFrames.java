package org.jphmesh.sensor.alert;

import java.util.concurrent.atomic.AtomicLongArray;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.ControlPayload;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;

/**
 * What the alerts node has heard of each codifier, kept in arrays indexed by {@link Codifier#index()}: when its
 * last reading came and how many came, when its node was last heard at all, and whether it last said it was
 * active. Written by the receive threads with one array write per fact (no allocation, no lock), read by the
 * evaluator; times are this host's receive times, so a sender's wrong clock cannot make a node look alive.
 */
final class HeardFrames {

    static final long NEVER = Long.MIN_VALUE;
    /** {@link #activeState} values. */
    static final long UNKNOWN = 0;
    static final long ACTIVE = 1;
    static final long HALTED = 2;

    private final AtomicLongArray lastReading = filled(NEVER);
    private final AtomicLongArray readings = filled(0);
    private final AtomicLongArray lastFromNode = filled(NEVER);
    private final AtomicLongArray nodeFrames = filled(0);
    private final AtomicLongArray active = filled(UNKNOWN);
    // A proxy's node is its parent: PB's readings say that PA lives.
    private final int[] nodeOf = new int[Codifier.COUNT];

    HeardFrames() {
        for (int i = 0; i < nodeOf.length; i++) {
            nodeOf[i] = i;
        }
    }

    private static AtomicLongArray filled(long value) {
        AtomicLongArray array = new AtomicLongArray(Codifier.COUNT);
        for (int i = 0; i < array.length(); i++) {
            array.setPlain(i, value);
        }
        return array;
    }

    /** Says that {@code proxy}'s frames come from {@code node}; called before the first frame. */
    void proxyOf(Codifier proxy, Codifier node) {
        nodeOf[proxy.index()] = node.index();
    }

    Codifier nodeOf(Codifier codifier) {
        return Codifier.ofIndex(nodeOf[codifier.index()]);
    }

    /** Notes one frame heard at {@code nowMillis}. */
    void heard(Frame frame, long nowMillis) {
        int from = frame.from().index();
        lastFromNode.set(nodeOf[from], nowMillis);
        nodeFrames.incrementAndGet(nodeOf[from]);
        if (frame.payload() instanceof ControlPayload control) {
            active.set(nodeOf[from], control.active() ? ACTIVE : HALTED);
        } else if (frame.flag() != Flag.DATA_SEQUENCE) {
            lastReading.set(from, nowMillis);
            readings.incrementAndGet(from);
        }
    }

    long lastReading(Codifier codifier) {
        return lastReading.get(codifier.index());
    }

    long readingCount(Codifier codifier) {
        return readings.get(codifier.index());
    }

    /** When anything from the node sending as {@code codifier} was last heard. */
    long lastFromNode(Codifier codifier) {
        return lastFromNode.get(nodeOf[codifier.index()]);
    }

    /** How many frames came from the node sending as {@code codifier}. */
    long nodeFrameCount(Codifier codifier) {
        return nodeFrames.get(nodeOf[codifier.index()]);
    }

    long activeState(Codifier codifier) {
        return active.get(nodeOf[codifier.index()]);
    }
}
