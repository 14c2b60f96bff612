package org.jphmesh.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.jphmesh.app.roles.ProgramRoles;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.sequence.SequenceStats;
import org.jphmesh.web.http.WebMetrics;
import org.jphmesh.web.live.LiveHub;
import org.jphmesh.web.mqtt.MqttBridge;
import org.jphmesh.web.state.MeshView;
import org.jphmesh.web.state.SensorStatus;
import org.jphmesh.web.state.SensorView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures {@code /metrics} shows for one dashboard: its bus counters, the sequence accounting, sensors
 * per status, and what collectors and routers report about themselves in their own readings.
 */
final class DashboardMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardMetrics.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Node node;
    private final MeshView view;
    private final LiveHub live;
    private final Supplier<Double> ingestLagSeconds;

    /** {@code ingestLagSeconds}: the latest figure from the database, or null when there is none. */
    DashboardMetrics(Node node, MeshView view, LiveHub live, Supplier<Double> ingestLagSeconds) {
        this.node = node;
        this.view = view;
        this.live = live;
        this.ingestLagSeconds = ingestLagSeconds;
    }

    /** Adds the dashboard's figures to {@code metrics} and returns it. */
    WebMetrics register(WebMetrics metrics) {
        metrics.counter("jph_frames_received", "Frames received, per bus", "bus", () -> perBus(node.counters()::receivedCount))
                .counter("jph_frames_sent", "Frames sent, per bus", "bus", () -> perBus(node.counters()::sentCount))
                .counter("jph_frames_malformed", "Malformed datagrams dropped, per bus", "bus",
                        () -> perBus(node.counters()::malformedCount))
                .counter("jph_readings_lost", "Readings never received (sequence gaps), all codifiers", () -> sum(SequenceStats::lost))
                .counter("jph_readings_duplicated", "Readings received more than once", () -> sum(SequenceStats::duplicated))
                .counter("jph_readings_reordered", "Readings received out of order", () -> sum(SequenceStats::reordered))
                .gauge("jph_sensors", "Sensors per status", "status", this::statusCounts)
                .gauge("jph_web_live_clients", "Browsers connected to /live", () -> live.clients())
                .gauge("jph_ingest_lag_seconds", "Worst delay between a reading's send time and its storage, last minute",
                        () -> {
                            Double lag = ingestLagSeconds.get();
                            return lag == null ? Double.NaN : lag;
                        })
                .gauge("jph_collector_backlog_readings", "Readings journaled but not yet stored, per collector", "collector",
                        () -> collectorFigure("backlog"))
                .gauge("jph_collector_refused_readings", "Readings a full journal refused, per collector", "collector",
                        () -> collectorFigure("refused"))
                .counter("jph_router_frames", "Frames per router, link and counter, from the routers' own readings",
                        List.of("router", "link", "counter"), this::routerFigures);
        return metrics;
    }

    /** The MQTT bridge's figures. */
    static void mqtt(WebMetrics metrics, MqttBridge bridge) {
        metrics.counter("jph_mqtt_published", "MQTT messages the broker acknowledged", bridge::published)
                .counter("jph_mqtt_dropped", "MQTT messages dropped because the outgoing queue was full", bridge::dropped)
                .counter("jph_mqtt_refused_commands", "MQTT commands refused (not allowed, unknown codifier, bad value)",
                        bridge::refusedCommands)
                .counter("jph_mqtt_commands", "MQTT commands turned into control frames", bridge::commandsSent)
                .gauge("jph_mqtt_connected", "1 while the bridge is connected to the broker", () -> bridge.connected() ? 1 : 0)
                .gauge("jph_mqtt_queued", "MQTT messages waiting for the broker", bridge::queued);
    }

    private Map<String, Double> perBus(ToLongFunction<BusChannel> count) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (BusChannel channel : BusChannel.values()) {
            values.put(channel.name().toLowerCase(Locale.ROOT), (double) count.applyAsLong(channel));
        }
        return values;
    }

    private double sum(ToLongFunction<SequenceStats> figure) {
        return node.accounting().snapshot().stream().filter(s -> s.channel() == BusChannel.DATA).mapToLong(figure).sum();
    }

    private Map<String, Double> statusCounts() {
        Map<SensorStatus, Double> counts = new EnumMap<>(SensorStatus.class);
        for (SensorStatus status : SensorStatus.values()) {
            counts.put(status, 0d);
        }
        for (SensorView sensor : view.sensors()) {
            counts.merge(sensor.status(), 1d, Double::sum);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        counts.forEach((status, n) -> out.put(status.name(), n));
        return out;
    }

    private Map<String, Double> collectorFigure(String field) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (SensorView sensor : view.sensors()) {
            if (ProgramRoles.isCollector(sensor.type()) && sensor.text() != null) {
                try {
                    JsonNode report = JSON.readTree(sensor.text());
                    if (report.has(field)) {
                        out.put(sensor.code(), report.get(field).asDouble());
                    }
                } catch (IOException e) {
                    LOG.debug("{} sent a report that is not JSON: {}", sensor.code(), e.getMessage());
                }
            }
        }
        return out;
    }

    /** Each router's per-link counters, from its reading {@code {"links": {"house": {"forwarded": 12, ...}}}} (router.md). */
    private Map<List<String>, Double> routerFigures() {
        Map<List<String>, Double> out = new LinkedHashMap<>();
        for (SensorView sensor : view.sensors()) {
            if (!sensor.type().equals("Router") || sensor.text() == null) {
                continue;
            }
            try {
                JSON.readTree(sensor.text()).path("links").fields().forEachRemaining(link ->
                        link.getValue().fields().forEachRemaining(count -> {
                            if (count.getValue().isNumber()) {
                                out.put(List.of(sensor.code(), link.getKey(), count.getKey()), count.getValue().asDouble());
                            }
                        }));
            } catch (IOException e) {
                LOG.debug("{} sent a report that is not JSON: {}", sensor.code(), e.getMessage());
            }
        }
        return out;
    }
}
