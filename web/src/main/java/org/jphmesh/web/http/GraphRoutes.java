package org.jphmesh.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.web.graphs.SavedGraph;
import org.jphmesh.web.graphs.SavedGraphStore;
import org.jphmesh.web.http.auth.AccessGuard;
import org.jphmesh.web.http.auth.Role;
import org.jphmesh.web.http.auth.Session;
import org.jphmesh.web.http.error.ApiException;
import org.jphmesh.web.http.error.BadRequestException;

/**
 * {@code /api/graphs}: the signed-in user's saved graphs (the legacy graph builder's {@code Graphs}). Every viewer
 * keeps their own; the anonymous reader of {@code AnonymousRead} has none and saves none.
 */
final class GraphRoutes {

    private static final Set<String> FIELDS = Set.of("name", "codes", "range");

    private final WebServices services;

    GraphRoutes(WebServices services) {
        this.services = services;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/graphs", this::list);
        routes.post("/api/graphs", this::save);
        routes.post("/api/graphs/{name}/delete", this::delete);
    }

    private void list(Context ctx) throws SQLException {
        Session session = AccessGuard.require(ctx, Role.viewer);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("canSave", !session.anonymous());
        answer.put("graphs", session.anonymous() ? List.of() : store().list(session.user()));
        ctx.json(answer);
    }

    private void save(Context ctx) throws SQLException {
        Session session = owner(ctx);
        SavedGraph graph = read(JsonBodies.object(ctx));
        for (String code : graph.codes()) {
            if (services.view().sensor(Codifier.of(code)).isEmpty()) {
                throw new BadRequestException("codes: " + code + " is not known to this dashboard (no entry in the config,"
                        + " never heard on the bus)");
            }
        }
        SavedGraphStore.Outcome outcome = store().save(session.user(), graph);
        if (outcome == SavedGraphStore.Outcome.full) {
            throw new BadRequestException("you have " + SavedGraphStore.MAX_PER_USER
                    + " saved graphs, the most one user may keep; delete one first");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("graph", graph);
        answer.put("replaced", outcome == SavedGraphStore.Outcome.replaced);
        ctx.status(outcome == SavedGraphStore.Outcome.created ? 201 : 200).json(answer);
    }

    private void delete(Context ctx) throws SQLException {
        Session session = owner(ctx);
        String name = ctx.pathParam("name");
        if (!store().delete(session.user(), name)) {
            throw new ApiException(404, "you have no saved graph named '" + name + "'");
        }
        ctx.status(204);
    }

    // The guard already refuses an anonymous POST (it has no CSRF token); this says why in words.
    private static Session owner(Context ctx) {
        Session session = AccessGuard.require(ctx, Role.viewer);
        if (session.anonymous()) {
            throw new ApiException(403, "sign in to save graphs; reading without signing in cannot save");
        }
        return session;
    }

    private SavedGraphStore store() {
        if (services.graphs() == null) {
            throw new ApiException(503, "this dashboard has no database (Sensor.SQL), so no saved graphs");
        }
        return services.graphs();
    }

    private static SavedGraph read(JsonNode body) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw new BadRequestException("unknown field '" + field + "'; a graph has name, codes and range");
            }
        }
        JsonNode name = body.get("name");
        if (name == null || !name.isTextual()) {
            throw new BadRequestException("'name' is required and must be a string of 1 to " + SavedGraph.MAX_NAME + " characters");
        }
        JsonNode codes = body.get("codes");
        if (codes == null || !codes.isArray()) {
            throw new BadRequestException("'codes' is required: a list of 1 to " + SavedGraph.MAX_CODES
                    + " codifiers like [\"T1\",\"T2\"]");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode code : codes) {
            if (!code.isTextual()) {
                throw new BadRequestException("codes: each must be a codifier as a string, not " + code);
            }
            list.add(code.asText());
        }
        JsonNode range = body.get("range");
        if (range != null && !range.isNull() && !range.isTextual()) {
            throw new BadRequestException("range must be a string like 15m, 6h or 7d, not " + range);
        }
        try {
            return new SavedGraph(name.asText(), list, range == null || range.isNull() ? null : range.asText());
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }
}
