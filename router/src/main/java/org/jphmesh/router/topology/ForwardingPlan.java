package org.jphmesh.router.topology;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jphmesh.bus.codec.RouteTrailer;

/**
 * One router's part of every segment's forwarding tree: for a frame that entered the mesh on segment
 * {@code origin} and arrived on link {@code from}, whether it goes out on link {@code to}. A frame from a
 * segment the plan does not know (a config that differs between routers) is flooded, and the duplicate
 * window and hop limit keep that finite.
 */
public final class ForwardingPlan {

    /** A forwarding step between two of this router's links, by their index in its {@code Links}. */
    public record Hop(int from, int to) {
    }

    private static final int LINKS = 16;

    // Per origin, one flag per (from, to) pair: the forwarding path asks this for every frame and link.
    private final Map<Integer, boolean[]> byOrigin = new HashMap<>();

    ForwardingPlan(Map<Integer, Set<Hop>> hops) {
        hops.forEach((origin, steps) -> {
            boolean[] table = new boolean[LINKS * LINKS];
            steps.forEach(hop -> table[hop.from() * LINKS + hop.to()] = true);
            byOrigin.put(origin, table);
        });
    }

    public static int segmentId(String name) {
        return RouteTrailer.segmentId(name);
    }

    public boolean forwards(int origin, int from, int to) {
        boolean[] table = byOrigin.get(origin);
        return table == null || table[from * LINKS + to];
    }

    public boolean knows(int origin) {
        return byOrigin.containsKey(origin);
    }
}
