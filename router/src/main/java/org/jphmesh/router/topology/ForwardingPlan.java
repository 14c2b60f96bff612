package org.jphmesh.router.topology;

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

    private final Map<Integer, Set<Hop>> byOrigin;

    ForwardingPlan(Map<Integer, Set<Hop>> byOrigin) {
        this.byOrigin = Map.copyOf(byOrigin);
    }

    public static int segmentId(String name) {
        return RouteTrailer.segmentId(name);
    }

    public boolean forwards(int origin, int from, int to) {
        Set<Hop> hops = byOrigin.get(origin);
        return hops == null || hops.contains(new Hop(from, to));
    }

    public boolean knows(int origin) {
        return byOrigin.containsKey(origin);
    }
}
