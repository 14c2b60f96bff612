package org.jphmesh.router.topology;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;

/**
 * Which router joins which segments, read from every {@code Router} entry of the shared config.json. Every
 * router computes the same forwarding tree from it, so each frame reaches each segment exactly once.
 *
 * @param routers each router's codifier and the names of the segments it joins, sorted by codifier
 */
public record MeshTopology(Map<String, List<String>> routers) {

    public static final String ROUTER_TYPE = "Router";

    public MeshTopology {
        routers = Map.copyOf(routers);
    }

    public static MeshTopology of(MeshConfig config) {
        Map<String, List<String>> routers = new TreeMap<>();
        for (SensorConfig entry : config.sensors()) {
            if (ROUTER_TYPE.equals(entry.type())) {
                List<String> names = new ArrayList<>();
                for (JsonNode link : entry.sensor().path("Links")) {
                    String name = link.path("Name").asText("");
                    if (!name.isBlank()) {
                        names.add(name);
                    }
                }
                routers.put(entry.codifier(), List.copyOf(names));
            }
        }
        return new MeshTopology(routers);
    }

    /**
     * The tree rooted at each segment: breadth first from the origin, segments and routers in name order,
     * the first router to reach a segment forwards into it. The same on every router, whatever the order
     * of the file.
     */
    public ForwardingPlan planFor(Codifier router) {
        Map<Integer, Set<ForwardingPlan.Hop>> plan = new HashMap<>();
        List<String> mine = routers.getOrDefault(router.value(), List.of());
        for (String origin : segments()) {
            Set<ForwardingPlan.Hop> hops = new LinkedHashSet<>();
            Set<String> reached = new TreeSet<>(List.of(origin));
            List<String> frontier = List.of(origin);
            while (!frontier.isEmpty()) {
                TreeSet<String> next = new TreeSet<>();
                for (String segment : frontier) {
                    for (Map.Entry<String, List<String>> r : new TreeMap<>(routers).entrySet()) {
                        if (!r.getValue().contains(segment)) {
                            continue;
                        }
                        for (String target : new TreeSet<>(r.getValue())) {
                            if (reached.add(target)) {
                                next.add(target);
                                if (r.getKey().equals(router.value())) {
                                    hops.add(new ForwardingPlan.Hop(mine.indexOf(segment), mine.indexOf(target)));
                                }
                            }
                        }
                    }
                }
                frontier = List.copyOf(next);
            }
            plan.put(ForwardingPlan.segmentId(origin), Set.copyOf(hops));
        }
        return new ForwardingPlan(plan);
    }

    public Set<String> segments() {
        Set<String> all = new TreeSet<>();
        routers.values().forEach(all::addAll);
        return all;
    }
}
