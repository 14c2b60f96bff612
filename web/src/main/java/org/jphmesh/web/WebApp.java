package org.jphmesh.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.RedisSettings;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.config.SqlSettings;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.node.PingReply;
import org.jphmesh.bus.sequence.SequenceStats;
import org.jphmesh.web.command.CommandService;
import org.jphmesh.web.history.HistoryStore;
import org.jphmesh.web.http.WebMetrics;
import org.jphmesh.web.http.WebServer;
import org.jphmesh.web.http.WebServices;
import org.jphmesh.web.http.auth.LoginLimiter;
import org.jphmesh.web.http.auth.SessionStore;
import org.jphmesh.web.http.auth.UserStore;
import org.jphmesh.web.live.LiveHub;
import org.jphmesh.web.mqtt.MqttBridge;
import org.jphmesh.web.state.MeshEvent;
import org.jphmesh.web.state.MeshView;
import org.jphmesh.web.state.RedisSeed;
import org.jphmesh.web.state.SensorStatus;
import org.jphmesh.web.state.SensorView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dashboard: a node on the mesh whose frames feed the {@link MeshView}, the HTTP server over it, and
 * the MQTT bridge. Redis and PostgreSQL are optional and may be away at start: the tiles come from the
 * bus, history and sign-in wait for the database.
 */
public final class WebApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final Duration PING_EVERY = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Node node;
    private final MeshView view;
    private final HikariDataSource database;
    private final LiveHub live;
    private final WebServer server;
    private final ScheduledExecutorService chores;
    private final Optional<MqttBridge> mqtt;
    private final Map<BusChannel, Long> malformedSeen = new EnumMap<>(BusChannel.class);
    private volatile Double ingestLagSeconds;
    private volatile String redisState = "not configured";

    private WebApp(NodeOptions given, WebSettings override) {
        NodeOptions options = given.config() != null ? given
                : given.withConfig(ConfigLoader.load(given.configLocation()));
        Codifier code = options.codifier();
        SensorConfig entry = options.config().sensor(code).orElseThrow(() ->
                new ConfigException("codifier " + code + " has no entry in " + options.configLocation()));
        WebSettings settings = override != null ? override : WebSettings.fromEntry(entry);
        SqlSettings sql = entry.sensor().has("SQL") ? SqlSettings.fromEntry(entry) : null;
        RedisSettings redis = entry.sensor().has("Redis") ? RedisSettings.fromEntry(entry) : null;
        this.view = new MeshView(options.config(), code, Clock.systemUTC());
        this.node = Node.start(options, new NodeCallbacks() {
            @Override
            public void onFrame(Node n, Frame frame, InetSocketAddress sender) {
                view.onFrame(frame);
            }

            @Override
            public void onReload(Node n, SensorConfig reloaded) {
                view.reload(n.config());
                if (mqtt != null) {
                    mqtt.ifPresent(MqttBridge::configChanged);
                }
            }
        });
        view.useAccounting(node.accounting());
        this.chores = Executors.newScheduledThreadPool(1, new DefaultThreadFactory("jph-web-chores", true));
        if (redis != null) {
            redisState = "seeding";
            chores.execute(() -> {
                int seeded = RedisSeed.seed(view, redis);
                redisState = seeded < 0 ? "down" : "up";
                LOG.info("{} - {} codifiers seeded from Redis", code, Math.max(seeded, 0));
            });
        }
        this.database = sql == null ? null : DatabasePool.open(sql, code.value());
        HistoryStore history = database == null ? null : new HistoryStore(database);
        UserStore users = database == null ? null : new UserStore(database);
        ObjectMapper json = new ObjectMapper();
        SessionStore sessions = new SessionStore(Clock.systemUTC(), Duration.ofMinutes(settings.sessionIdleMinutes()),
                Duration.ofDays(7), 10_000);
        this.live = new LiveHub(view, json, cookie -> settings.anonymousRead() || sessions.find(cookie).isPresent());
        WebMetrics metrics = metrics(history);
        CommandService commands = new CommandService(node, view);
        this.mqtt = MqttBridge.fromEntry(entry, view, commands).map(MqttBridge::start);
        mqtt.ifPresent(bridge -> mqttMetrics(metrics, bridge));
        WebServices services = new WebServices(settings, node, view, commands, history, users,
                sessions,
                new LoginLimiter(Clock.systemUTC(), 5, Duration.ofMinutes(5)), live, metrics, new WebServices.HealthReport() {
                    @Override
                    public String redis() {
                        return redisState;
                    }

                    @Override
                    public String mqtt() {
                        return mqtt.map(MqttBridge::health).orElse("not configured");
                    }
                });
        try {
            this.server = WebServer.start(services);
        } catch (RuntimeException e) {
            // Port taken or the like: nothing started so far may outlive the failed start.
            chores.shutdownNow();
            live.close();
            mqtt.ifPresent(MqttBridge::close);
            node.close();
            if (database != null) {
                database.close();
            }
            throw e;
        }
        chores.scheduleWithFixedDelay(view::tick, 500, 500, TimeUnit.MILLISECONDS);
        chores.scheduleWithFixedDelay(this::pingAll, 1_000, PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        chores.scheduleWithFixedDelay(this::noticeMalformed, 5, 5, TimeUnit.SECONDS);
        if (history != null) {
            chores.scheduleWithFixedDelay(() -> refreshLag(history), 2, 10, TimeUnit.SECONDS);
        }
    }

    public static WebApp start(NodeOptions options, WebSettings override) {
        return new WebApp(options, override);
    }

    // Keeps every node's "last ping RTT" fresh without anyone pressing a button.
    private void pingAll() {
        node.ping(Codifier.BROADCAST, Duration.ofSeconds(2)).thenAccept(replies -> {
            for (PingReply reply : replies) {
                view.pinged(reply.from(), reply.roundTrip().toNanos() / 1_000_000d);
            }
        });
    }

    // One event per bus and 5 s when malformed datagrams arrived, not one per datagram: a flood stays one line.
    private void noticeMalformed() {
        for (BusChannel channel : BusChannel.values()) {
            long total = node.counters().malformedCount(channel);
            long before = malformedSeen.getOrDefault(channel, 0L);
            if (total > before) {
                malformedSeen.put(channel, total);
                view.event(new MeshEvent(view.now(), MeshEvent.Kind.malformed,
                        (total - before) + " malformed datagram(s) dropped on the " + channel.name().toLowerCase(Locale.ROOT)
                                + " bus (" + total + " since start)", null, null, null));
            }
        }
    }

    private void refreshLag(HistoryStore history) {
        try {
            ingestLagSeconds = history.ingestLagSeconds();
        } catch (SQLException | RuntimeException e) {
            ingestLagSeconds = null;
        }
    }

    private WebMetrics metrics(HistoryStore history) {
        WebMetrics metrics = new WebMetrics();
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
                        () -> ingestLagSeconds == null ? Double.NaN : ingestLagSeconds)
                .gauge("jph_collector_backlog_readings", "Readings journaled but not yet stored, per collector", "collector",
                        () -> collectorFigure("backlog"))
                .gauge("jph_collector_refused_readings", "Readings a full journal refused, per collector", "collector",
                        () -> collectorFigure("refused"))
                .counter("jph_router_frames", "Frames per router, link and counter, from the routers' own readings",
                        List.of("router", "link", "counter"), this::routerFigures);
        return metrics;
    }

    private static void mqttMetrics(WebMetrics metrics, MqttBridge bridge) {
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
            if ((sensor.type().equals("Collector") || sensor.type().equals("jphPostgreSQL")) && sensor.text() != null) {
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

    public Node node() {
        return node;
    }

    public MeshView view() {
        return view;
    }

    public int port() {
        return server.port();
    }

    @Override
    public void close() {
        chores.shutdownNow();
        server.close();
        live.close();
        mqtt.ifPresent(MqttBridge::close);
        node.close();
        if (database != null) {
            database.close();
        }
    }
}
