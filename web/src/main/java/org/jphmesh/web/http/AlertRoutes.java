package org.jphmesh.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.web.command.CommandOutcome;
import org.jphmesh.web.http.auth.AccessGuard;
import org.jphmesh.web.http.auth.Role;
import org.jphmesh.web.http.auth.Session;
import org.jphmesh.web.http.error.ApiException;
import org.jphmesh.web.http.error.BadRequestException;
import org.jphmesh.web.state.AlertView;

/** {@code /api/alerts}: the rules with their states, a rule's recent changes, and the operators' commands to it. */
final class AlertRoutes {

    private static final long DEFAULT_RANGE_MILLIS = Duration.ofDays(7).toMillis();
    private static final long MAX_RANGE_MILLIS = Duration.ofDays(400).toMillis();

    private final WebServices services;

    AlertRoutes(WebServices services) {
        this.services = services;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/alerts", this::list);
        routes.get("/api/alerts/{code}/history", this::history);
        routes.post("/api/alerts/{code}/ack", ctx -> command(ctx, body -> new AlertCommand.Acknowledge()));
        routes.post("/api/alerts/{code}/silence", ctx -> command(ctx, AlertRoutes::silence));
        routes.post("/api/alerts/{code}/lift", ctx -> command(ctx, body -> new AlertCommand.Lift()));
    }

    private void list(Context ctx) {
        AccessGuard.require(ctx, Role.viewer);
        List<AlertView> alerts = services.view().alerts();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("now", services.view().now());
        answer.put("firing", alerts.stream().filter(AlertView::firing).count());
        answer.put("alerts", alerts);
        ctx.json(answer);
    }

    private void history(Context ctx) throws SQLException {
        AccessGuard.require(ctx, Role.viewer);
        Codifier code = rule(ctx);
        long to = Parameters.time("to", ctx.queryParam("to"), services.view().now());
        long from = Parameters.time("from", ctx.queryParam("from"), to - DEFAULT_RANGE_MILLIS);
        int limit = Parameters.integer("limit", ctx.queryParam("limit"), 50, 1, 500);
        if (from >= to) {
            throw new BadRequestException("from must be before to (from=" + from + ", to=" + to + ")");
        }
        if (to - from > MAX_RANGE_MILLIS) {
            throw new BadRequestException("the range from..to may span at most 400 days");
        }
        if (services.alertHistory() == null) {
            throw new ApiException(503, "this dashboard has no database (Sensor.SQL), so no alert history");
        }
        ctx.json(services.alertHistory().transitions(code, from, to, limit));
    }

    private void command(Context ctx, Function<JsonNode, AlertCommand> read) {
        Session session = AccessGuard.require(ctx, Role.operator);
        Codifier code = rule(ctx);
        AlertCommand command = read.apply(JsonBodies.object(ctx));
        CommandOutcome outcome = services.alertCommands().send(code, command, session.user());
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sent", outcome.sent());
        answer.put("to", outcome.to());
        answer.put("value", (long) command.timeComponent());
        ctx.status(202).json(answer);
    }

    private Codifier rule(Context ctx) {
        Codifier code = Parameters.codifier("code", ctx.pathParam("code"));
        services.alertCommands().rule(code);
        return code;
    }

    private static AlertCommand silence(JsonNode body) {
        Double seconds = JsonBodies.number(body, "seconds");
        long max = AlertCommand.Silence.MAX_SECONDS;
        if (seconds == null || seconds != Math.rint(seconds) || seconds < 1 || seconds > max) {
            throw new BadRequestException("'seconds' is required: a whole number of seconds from 1 to " + max
                    + " (3600 for an hour), not " + (seconds == null ? "none" : body.get("seconds")));
        }
        return new AlertCommand.Silence(Duration.ofSeconds(seconds.longValue()));
    }
}
