package org.jphmesh.router.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;

class MeshTopologyTest {

    /** Floods a frame from {@code origin} through every router's plan; how often each segment hears it. */
    private static Map<String, Integer> deliveries(MeshTopology topology, String origin) {
        Map<String, ForwardingPlan> plans = new HashMap<>();
        topology.routers().keySet().forEach(r -> plans.put(r, topology.planFor(Codifier.of(r))));
        Map<String, Integer> heard = new HashMap<>();
        Deque<String> onSegment = new ArrayDeque<>(List.of(origin));
        int id = ForwardingPlan.segmentId(origin);
        while (!onSegment.isEmpty()) {
            String segment = onSegment.removeFirst();
            heard.merge(segment, 1, Integer::sum);
            if (heard.values().stream().mapToInt(Integer::intValue).sum() > 1_000) {
                break;
            }
            topology.routers().forEach((router, links) -> {
                int from = links.indexOf(segment);
                if (from < 0) {
                    return;
                }
                for (int to = 0; to < links.size(); to++) {
                    if (to != from && plans.get(router).forwards(id, from, to)) {
                        onSegment.addLast(links.get(to));
                    }
                }
            });
        }
        return heard;
    }

    @Test
    void a_ring_of_three_routers_delivers_a_frame_from_every_segment_to_every_segment_once() {
        MeshTopology ring = new MeshTopology(Map.of("R1", List.of("s12", "s31"), "R2", List.of("s23", "s12"),
                "R3", List.of("s31", "s23")));

        for (String origin : ring.segments()) {
            assertThat(deliveries(ring, origin)).as("from " + origin)
                    .containsExactlyInAnyOrderEntriesOf(Map.of("s12", 1, "s23", 1, "s31", 1));
        }
    }

    @Test
    void two_routers_on_the_same_pair_of_segments_do_not_both_forward() {
        MeshTopology parallel = new MeshTopology(Map.of("RA", List.of("house", "shed"), "RB", List.of("shed", "house")));

        assertThat(deliveries(parallel, "house")).containsExactlyInAnyOrderEntriesOf(Map.of("house", 1, "shed", 1));
        assertThat(deliveries(parallel, "shed")).containsExactlyInAnyOrderEntriesOf(Map.of("house", 1, "shed", 1));
    }

    @Test
    void any_connected_topology_of_random_routers_delivers_each_frame_once_everywhere() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int segments = 2 + random.nextInt(7);
            Map<String, List<String>> routers = new LinkedHashMap<>();
            for (int s = 1; s < segments; s++) {
                routers.put("T" + s, List.of("seg" + random.nextInt(s), "seg" + s));
            }
            for (int extra = 0; extra < random.nextInt(6); extra++) {
                List<String> links = new ArrayList<>();
                for (int s = 0; s < segments; s++) {
                    if (random.nextInt(3) == 0) {
                        links.add("seg" + s);
                    }
                }
                if (links.size() >= 2) {
                    routers.put("X" + extra, links);
                }
            }
            MeshTopology topology = new MeshTopology(routers);
            for (String origin : topology.segments()) {
                Map<String, Integer> heard = deliveries(topology, origin);
                assertThat(heard.keySet()).as("round %d from %s: %s", round, origin, routers)
                        .containsExactlyInAnyOrderElementsOf(topology.segments());
                assertThat(heard.values()).as("round %d from %s: %s", round, origin, routers).containsOnly(1);
            }
        }
    }

    @Test
    void a_segment_no_router_knows_is_flooded_for_the_duplicate_window_to_contain() {
        ForwardingPlan plan = new MeshTopology(Map.of("R1", List.of("a", "b"))).planFor(Codifier.of("R1"));

        assertThat(plan.knows(ForwardingPlan.segmentId("elsewhere"))).isFalse();
        assertThat(plan.forwards(ForwardingPlan.segmentId("elsewhere"), 0, 1)).isTrue();
        assertThat(plan.forwards(ForwardingPlan.segmentId("a"), 0, 1)).isTrue();
        assertThat(plan.forwards(ForwardingPlan.segmentId("b"), 0, 1)).isFalse();
    }
}
