package org.jphmesh.collector.ingest;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.sequence.SequenceAccounting;

/**
 * The receive thread's half of the latest state: each reading is noted with two array writes, and the thread
 * that writes Redis turns what was noted into hash fields ({@link StateChanges#ofReadings}) when it writes, so
 * formatting, maps and merges stay off the receive thread. A reading that is not the newest of its stream marks
 * its codifier (the loss count changed) without replacing the newest.
 */
public final class LatestReadings {

    private final AtomicReferenceArray<Frame> newest = new AtomicReferenceArray<>(Codifier.COUNT);
    private final AtomicIntegerArray noted = new AtomicIntegerArray(Codifier.COUNT);
    private final StateChanges changes;

    public LatestReadings(StateChanges changes) {
        this.changes = changes;
    }

    /** On the receive thread: a reading ({@code f i s j}), and whether it is the newest of its stream. */
    public void note(Frame reading, boolean isNewest) {
        int index = reading.from().index();
        if (isNewest) {
            newest.set(index, reading);
        }
        noted.set(index, 1);
    }

    /** On the writing thread: hands over the fields of every codifier noted since the last call, once each. */
    public void drainInto(SequenceAccounting accounting, Consumer<StateChange> sink) {
        for (int index = 0; index < Codifier.COUNT; index++) {
            if (noted.get(index) == 1 && noted.getAndSet(index, 0) == 1) {
                sink.accept(changes.ofReadings(Codifier.ofIndex(index), newest.getAndSet(index, null), accounting));
            }
        }
    }
}
