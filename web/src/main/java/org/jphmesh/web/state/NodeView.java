package org.jphmesh.web.state;

import java.util.List;

/**
 * One node as the nodes page lists it: liveness, reading rate over the last minute, sequence figures, last ping, and
 * whether it is a program of the mesh (collector, dashboard, router, tool), which the page protects from a stray halt.
 */
public record NodeView(String code, String name, String type, SensorStatus status, Boolean active, Long aliveAt,
                       double readingRate, long received, long lost, long duplicated, long reordered, long restarts,
                       Double pingRttMs, Long pingAt, boolean controlEnabled, List<String> proxies, boolean program) {

    public NodeView {
        proxies = List.copyOf(proxies);
    }
}
