package org.jphmesh.bus.sequence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;

/**
 * Sequence accounting for every sender heard, per codifier and bus. Control frames are counted per
 * node; data frames per codifier, so each proxy codifier is its own stream, as it is on the wire.
 */
public final class SequenceAccounting {

    // Indexed by bus and codifier: the receive path finds a stream with two array reads, no hashing or allocation.
    private final AtomicReferenceArray<SequenceTracker> control = new AtomicReferenceArray<>(Codifier.COUNT);
    private final AtomicReferenceArray<SequenceTracker> data = new AtomicReferenceArray<>(Codifier.COUNT);

    /** Accounts one received frame and says what it meant. */
    public SequenceOutcome observe(Frame frame, long nowMillis) {
        SequenceTracker tracker = trackerFor(frame.from(), frame.channel());
        if (frame.flag() == Flag.NEW_SEQUENCE || frame.flag() == Flag.DATA_SEQUENCE) {
            return tracker.restart(frame.sequence(), nowMillis);
        }
        return tracker.observe(frame.sequence(), nowMillis);
    }

    /**
     * The numbers skipped just before {@code frame}, whose {@link #observe} said {@link SequenceOutcome#GAP}.
     * Call it right after that observation, on the thread that made it.
     */
    public SequenceGap gapBefore(Frame frame) {
        SequenceTracker tracker = tracker(frame.from(), frame.channel());
        long count = tracker == null ? 0 : tracker.lastGap();
        return new SequenceGap(frame.from(), frame.channel(), (frame.sequence() - count) & Frame.MAX_SEQUENCE, count);
    }

    /** Whether {@code sequence} of a stream is still missing, at most {@code withinLast} behind its highest. */
    public boolean isMissing(Codifier codifier, BusChannel channel, long sequence, int withinLast) {
        SequenceTracker tracker = tracker(codifier, channel);
        return tracker != null && tracker.isMissing(sequence, withinLast);
    }

    /** Whether {@code sequence} of a stream arrived, as far as the stream's window still remembers. */
    public boolean isReceived(Codifier codifier, BusChannel channel, long sequence) {
        SequenceTracker tracker = tracker(codifier, channel);
        return tracker != null && tracker.isReceived(sequence);
    }

    /**
     * Whether {@code frame}, once {@link #observe observed}, is its stream's latest: the highest number heard, not a
     * late or resent one, which corrects the loss figures but never the latest value. A stream not accounted has
     * nothing later, so its frame is the latest. The one rule for the collector's Redis state and the dashboard.
     */
    public boolean isLatest(Frame frame) {
        SequenceTracker tracker = tracker(frame.from(), frame.channel());
        return tracker == null || tracker.lastSequence() == (frame.sequence() & Frame.MAX_SEQUENCE);
    }

    public Optional<SequenceStats> stats(Codifier codifier, BusChannel channel) {
        SequenceTracker tracker = tracker(codifier, channel);
        return tracker == null ? Optional.empty() : Optional.of(snapshot(codifier, channel, tracker));
    }

    /** Every stream heard, ordered by codifier then bus. */
    public List<SequenceStats> snapshot() {
        List<SequenceStats> all = new ArrayList<>();
        for (BusChannel channel : BusChannel.values()) {
            AtomicReferenceArray<SequenceTracker> table = table(channel);
            for (int i = 0; i < Codifier.COUNT; i++) {
                SequenceTracker tracker = table.get(i);
                if (tracker != null) {
                    all.add(snapshot(Codifier.ofIndex(i), channel, tracker));
                }
            }
        }
        all.sort(Comparator.comparing((SequenceStats s) -> s.codifier().value()).thenComparing(SequenceStats::channel));
        return all;
    }

    private AtomicReferenceArray<SequenceTracker> table(BusChannel channel) {
        return channel == BusChannel.CONTROL ? control : data;
    }

    private SequenceTracker tracker(Codifier codifier, BusChannel channel) {
        return table(channel).get(codifier.index());
    }

    private SequenceTracker trackerFor(Codifier codifier, BusChannel channel) {
        AtomicReferenceArray<SequenceTracker> table = table(channel);
        int index = codifier.index();
        SequenceTracker tracker = table.get(index);
        if (tracker == null) {
            table.compareAndSet(index, null, new SequenceTracker());
            tracker = table.get(index);
        }
        return tracker;
    }

    private static SequenceStats snapshot(Codifier codifier, BusChannel channel, SequenceTracker tracker) {
        long[] c = tracker.counts();
        return new SequenceStats(codifier, channel, c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }
}
