package org.jphmesh.web.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.sequence.SequenceStats;
import org.jphmesh.web.history.History;
import org.jphmesh.web.history.HistoryCsv;
import org.jphmesh.web.history.HistoryStep;
import org.jphmesh.web.http.auth.AccessGuard;
import org.jphmesh.web.http.auth.Role;
import org.jphmesh.web.http.error.ApiException;
import org.jphmesh.web.http.error.BadRequestException;
import org.jphmesh.web.state.MeshEvent;
import org.jphmesh.web.state.NodeView;
import org.jphmesh.web.state.SensorView;

/** {@code /api/sensors}: the tiles, one sensor with its node's figures, and its history. */
final class SensorRoutes {

    private static final long MAX_RANGE_MILLIS = Duration.ofDays(400).toMillis();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebServices services;

    SensorRoutes(WebServices services) {
        this.services = services;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/sensors", this::list);
        routes.get("/api/sensors/{code}", this::one);
        routes.get("/api/sensors/{code}/history", ctx -> ctx.json(history(ctx)));
        routes.get("/api/sensors/{code}/history.csv", this::csv);
    }

    private void list(Context ctx) {
        AccessGuard.require(ctx, Role.viewer);
        ctx.json(Map.of("now", services.view().now(), "sensors", services.view().sensors()));
    }

    private void one(Context ctx) {
        AccessGuard.require(ctx, Role.viewer);
        Codifier code = Parameters.codifier("code", ctx.pathParam("code"));
        SensorView sensor = services.view().sensor(code)
                .orElseThrow(() -> new ApiException(404, "no sensor " + code + " in the config or heard on the bus"));
        NodeView node = services.view().node(Codifier.of(sensor.node()));
        @SuppressWarnings("unchecked")
        Map<String, Object> answer = new LinkedHashMap<>(JSON.convertValue(sensor, Map.class));
        answer.put("now", services.view().now());
        SequenceStats stats = services.node().accounting().stats(code, BusChannel.DATA).orElse(null);
        answer.put("loss", stats == null ? null : Map.of("received", stats.received(), "lost", stats.lost(),
                "duplicated", stats.duplicated(), "reordered", stats.reordered(), "restarts", stats.restarts()));
        answer.put("pingRttMs", node.pingRttMs());
        answer.put("pingAt", node.pingAt());
        String self = code.value();
        String nodeCode = sensor.node();
        List<MeshEvent> events = services.view().events().recent(50, e -> self.equals(e.from()) || self.equals(e.to())
                || nodeCode.equals(e.from()) || nodeCode.equals(e.to()));
        answer.put("events", events);
        ctx.json(answer);
    }

    /** The rows of the history chart as a file: the same parameters, so a download is exactly the range shown. */
    private void csv(Context ctx) throws SQLException {
        History history = history(ctx);
        Map<String, String> states = services.view().sensor(Codifier.of(history.code())).map(SensorView::states).orElse(null);
        ctx.contentType("text/csv; charset=utf-8");
        ctx.header("Content-Disposition", "attachment; filename=\"" + HistoryCsv.fileName(history) + "\"");
        ctx.result(HistoryCsv.of(history, states));
    }

    private History history(Context ctx) throws SQLException {
        AccessGuard.require(ctx, Role.viewer);
        Codifier code = Parameters.codifier("code", ctx.pathParam("code"));
        long now = services.view().now();
        long to = Parameters.time("to", ctx.queryParam("to"), now);
        long from = Parameters.time("from", ctx.queryParam("from"), to - Duration.ofHours(1).toMillis());
        HistoryStep step = HistoryStep.parse(ctx.queryParam("step"));
        if (from >= to) {
            throw new BadRequestException("from must be before to (from=" + from + ", to=" + to + ")");
        }
        if (to - from > MAX_RANGE_MILLIS) {
            throw new BadRequestException("the range from..to may span at most 400 days");
        }
        if (services.history() == null) {
            throw new ApiException(503, "this dashboard has no database (Sensor.SQL), so no history");
        }
        return services.history().history(code, from, to, step);
    }
}
