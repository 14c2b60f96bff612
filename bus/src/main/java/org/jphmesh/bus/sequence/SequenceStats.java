package org.jphmesh.bus.sequence;

import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;

/**
 * A snapshot of one stream's accounting: what the collector stores, the dashboard shows and
 * {@code jph-control status} prints.
 *
 * @param lost          frames never received: the sum of the gaps, less those that arrived late
 * @param lastSeenMillis epoch milliseconds when the last frame of the stream arrived
 */
public record SequenceStats(Codifier codifier, BusChannel channel, long received, long lost, long duplicated,
                            long reordered, long restarts, long lastSequence, long lastSeenMillis) {

    /** The share of frames lost, 0..1, over everything expected so far. */
    public double lossRatio() {
        long expected = received - duplicated + lost;
        return expected == 0 ? 0 : (double) lost / expected;
    }
}
