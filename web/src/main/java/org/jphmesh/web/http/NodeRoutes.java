package org.jphmesh.web.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jphmesh.app.report.CollectorReport;
import org.jphmesh.app.roles.ProgramRoles;
import org.jphmesh.bus.codec.MalformedReason;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.web.command.Command;
import org.jphmesh.web.command.CommandOutcome;
import org.jphmesh.web.http.auth.AccessGuard;
import org.jphmesh.web.http.auth.Role;
import org.jphmesh.web.http.auth.Session;
import org.jphmesh.web.state.SensorView;

/** {@code /api/nodes} and their commands, and {@code /api/events}. */
final class NodeRoutes {

    private final WebServices services;

    NodeRoutes(WebServices services) {
        this.services = services;
    }

    void register(RoutesConfig routes) {
        routes.get("/api/nodes", this::list);
        routes.post("/api/nodes/{code}/commands", this::command);
        routes.get("/api/events", this::events);
    }

    private void list(Context ctx) {
        AccessGuard.require(ctx, Role.viewer);
        ctx.json(Map.of("now", services.view().now(), "nodes", services.view().nodes()));
    }

    private void command(Context ctx) {
        Session session = AccessGuard.require(ctx, Role.operator);
        JsonNode body = JsonBodies.object(ctx);
        Command command = Command.parse(JsonBodies.text(body, "command"));
        Double value = JsonBodies.number(body, "value");
        String target = ctx.pathParam("code");
        CompletableFuture<CommandOutcome> sent = services.commands().send(target, command, value, session.user());
        ctx.future(() -> sent.thenAccept(outcome -> ctx.status(outcome.replies() == null ? 202 : 200).json(answer(outcome))));
    }

    private static Map<String, Object> answer(CommandOutcome outcome) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("sent", outcome.sent());
        answer.put("to", outcome.to());
        if (outcome.replies() != null) {
            answer.put("replies", outcome.replies());
        }
        return answer;
    }

    private void events(Context ctx) {
        AccessGuard.require(ctx, Role.viewer);
        int limit = Parameters.integer("limit", ctx.queryParam("limit"), 200, 1, 1_000);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("now", services.view().now());
        answer.put("events", services.view().events().recent(limit, e -> true));
        Map<String, Object> malformed = new LinkedHashMap<>();
        for (BusChannel channel : BusChannel.values()) {
            Map<String, Long> reasons = new LinkedHashMap<>();
            for (MalformedReason reason : MalformedReason.values()) {
                long count = services.node().counters().malformedCount(channel, reason);
                if (count > 0) {
                    reasons.put(reason.name(), count);
                }
            }
            malformed.put(channel.name().toLowerCase(Locale.ROOT), reasons);
        }
        answer.put("malformed", malformed);
        answer.put("collector", collectors());
        ctx.json(answer);
    }

    /** The collectors' own readings: {@code {"value": rows/min, "stored", "backlog", "refused", "outage", "conflict"}}. */
    private List<Map<String, Object>> collectors() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (SensorView sensor : services.view().sensors()) {
            if (!ProgramRoles.isCollector(sensor.type())) {
                continue;
            }
            Map<String, Object> collector = new LinkedHashMap<>();
            collector.put("code", sensor.code());
            collector.put("name", sensor.name());
            collector.put("status", sensor.status());
            collector.put("readingAt", sensor.readingAt());
            // The legacy unit, rows written per minute (collector.md).
            collector.put("storedPerMinute", sensor.value());
            if (sensor.text() != null) {
                Optional<CollectorReport> report = CollectorReport.parse(sensor.text());
                if (report.isPresent()) {
                    putPresent(collector, "stored", report.get().stored());
                    putPresent(collector, "backlog", report.get().backlog());
                    putPresent(collector, "refused", report.get().refused());
                    putPresent(collector, "outage", report.get().outage());
                    putPresent(collector, "conflict", report.get().conflict());
                } else {
                    collector.put("report", sensor.text());
                }
            }
            out.add(collector);
        }
        return out;
    }

    private static void putPresent(Map<String, Object> answer, String name, Object value) {
        if (value != null) {
            answer.put(name, value);
        }
    }
}
