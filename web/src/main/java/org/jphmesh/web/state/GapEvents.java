package org.jphmesh.web.state;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.sequence.SequenceStats;

/** Words a growing loss count of a codifier's readings as an event: how many went missing before which number. */
final class GapEvents {

    private final Map<Codifier, Long> lostSeen = new ConcurrentHashMap<>();

    /** The gap the accounting shows since the last call for {@code from}, if its loss count grew. */
    Optional<MeshEvent> after(Codifier from, SequenceAccounting accounting, long now) {
        Optional<SequenceStats> stats = accounting.stats(from, BusChannel.DATA);
        if (stats.isEmpty()) {
            return Optional.empty();
        }
        long lost = stats.get().lost();
        long seen = lostSeen.getOrDefault(from, 0L);
        if (lost <= seen) {
            return Optional.empty();
        }
        lostSeen.put(from, lost);
        return Optional.of(new MeshEvent(now, MeshEvent.Kind.gap, from + ": " + (lost - seen)
                + " reading(s) missing before sequence " + stats.get().lastSequence(), from.value(), null, null));
    }
}
