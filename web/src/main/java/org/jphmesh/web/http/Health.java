package org.jphmesh.web.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /health}: UP when the bus runs; DEGRADED (still 200, the dashboard works) when a store is away. Each
 * store is checked live with a short budget and the answer kept briefly ({@code health/HealthProbe}), so the
 * answer is the truth of the last second or two and never waits long for a store that hangs. {@code conflict}
 * describes another instance of the dashboard's codifier heard on the mesh (null when there is none).
 */
final class Health {

    private Health() {
    }

    static void answer(Context ctx, WebServices services) {
        Map<String, Object> parts = new LinkedHashMap<>();
        boolean bus = !services.node().whenStopped().isDone();
        services.health().refresh();
        parts.put("bus", bus ? "up" : "down");
        parts.put("postgres", services.health().postgres());
        parts.put("redis", services.health().redis());
        parts.put("mqtt", services.health().mqtt());
        boolean degraded = parts.values().stream().anyMatch("down"::equals);
        // Another instance of this codifier on the mesh: this one runs on, but someone should look.
        String conflict = services.node().duplicateInstance()
                .map(other -> other.describe(services.node().codifier().value())).orElse(null);
        parts.put("conflict", conflict);
        degraded |= conflict != null;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", !bus ? "DOWN" : degraded ? "DEGRADED" : "UP");
        answer.putAll(parts);
        ctx.status(bus ? 200 : 503).json(answer);
    }
}
