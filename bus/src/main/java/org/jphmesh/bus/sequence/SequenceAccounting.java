package org.jphmesh.bus.sequence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;

/**
 * Sequence accounting for every sender heard, per codifier and bus. Control frames are counted per
 * node; data frames per codifier, so each proxy codifier is its own stream, as it is on the wire.
 */
public final class SequenceAccounting {

    private record Key(Codifier codifier, BusChannel channel) {
    }

    private final Map<Key, SequenceTracker> trackers = new ConcurrentHashMap<>();

    /** Accounts one received frame and says what it meant. */
    public SequenceOutcome observe(Frame frame, long nowMillis) {
        SequenceTracker tracker = trackers.computeIfAbsent(new Key(frame.from(), frame.channel()), k -> new SequenceTracker());
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
        SequenceTracker tracker = trackers.get(new Key(frame.from(), frame.channel()));
        long count = tracker == null ? 0 : tracker.lastGap();
        return new SequenceGap(frame.from(), frame.channel(), (frame.sequence() - count) & Frame.MAX_SEQUENCE, count);
    }

    /** Whether {@code sequence} of a stream is still missing, at most {@code withinLast} behind its highest. */
    public boolean isMissing(Codifier codifier, BusChannel channel, long sequence, int withinLast) {
        SequenceTracker tracker = trackers.get(new Key(codifier, channel));
        return tracker != null && tracker.isMissing(sequence, withinLast);
    }

    /** Whether {@code sequence} of a stream arrived, as far as the stream's window still remembers. */
    public boolean isReceived(Codifier codifier, BusChannel channel, long sequence) {
        SequenceTracker tracker = trackers.get(new Key(codifier, channel));
        return tracker != null && tracker.isReceived(sequence);
    }

    /**
     * Whether {@code frame}, once {@link #observe observed}, is its stream's latest: the highest number heard, not a
     * late or resent one, which corrects the loss figures but never the latest value. A stream not accounted has
     * nothing later, so its frame is the latest. The one rule for the collector's Redis state and the dashboard.
     */
    public boolean isLatest(Frame frame) {
        SequenceTracker tracker = trackers.get(new Key(frame.from(), frame.channel()));
        return tracker == null || tracker.lastSequence() == (frame.sequence() & Frame.MAX_SEQUENCE);
    }

    public Optional<SequenceStats> stats(Codifier codifier, BusChannel channel) {
        SequenceTracker tracker = trackers.get(new Key(codifier, channel));
        return tracker == null ? Optional.empty() : Optional.of(snapshot(codifier, channel, tracker));
    }

    /** Every stream heard, ordered by codifier then bus. */
    public List<SequenceStats> snapshot() {
        List<SequenceStats> all = new ArrayList<>();
        trackers.forEach((key, tracker) -> all.add(snapshot(key.codifier(), key.channel(), tracker)));
        all.sort(Comparator.comparing((SequenceStats s) -> s.codifier().value()).thenComparing(SequenceStats::channel));
        return all;
    }

    private static SequenceStats snapshot(Codifier codifier, BusChannel channel, SequenceTracker tracker) {
        long[] c = tracker.counts();
        return new SequenceStats(codifier, channel, c[0], c[1], c[2], c[3], c[4], c[5], c[6]);
    }
}
