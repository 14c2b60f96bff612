package org.jphmesh.web.state;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.frame.Codifier;

/** What the dashboard knows of every codifier it heard or seeded: written by the intake and the seeding, read by the projection. */
final class TrackedCodifiers {

    private final ConcurrentHashMap<Codifier, Tracked> tracked = new ConcurrentHashMap<>();

    /** The codifier's state, made on first use. */
    Tracked track(Codifier code) {
        return tracked.computeIfAbsent(code, c -> new Tracked());
    }

    /** The codifier's state, or null when it was never heard nor seeded. */
    Tracked get(Codifier code) {
        return tracked.get(code);
    }

    boolean contains(Codifier code) {
        return tracked.containsKey(code);
    }

    /** Every codifier known, a live view. */
    Set<Codifier> codes() {
        return tracked.keySet();
    }
}
