package org.jphmesh.web.state;

import java.util.List;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.sequence.SequenceStats;

/** A node's data-bus sequence figures: its own stream and its proxies' added up. */
record StreamTotals(long received, long lost, long duplicated, long reordered, long restarts) {

    static final StreamTotals NONE = new StreamTotals(0, 0, 0, 0, 0);

    static StreamTotals of(SequenceAccounting source, List<Codifier> streams) {
        StreamTotals totals = NONE;
        if (source == null) {
            return totals;
        }
        for (Codifier stream : streams) {
            SequenceStats stats = source.stats(stream, BusChannel.DATA).orElse(null);
            if (stats != null) {
                totals = new StreamTotals(totals.received + stats.received(), totals.lost + stats.lost(),
                        totals.duplicated + stats.duplicated(), totals.reordered + stats.reordered(),
                        totals.restarts + stats.restarts());
            }
        }
        return totals;
    }
}
