package org.jphmesh.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.app.store.SqlPool;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.DuplicateInstance;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.node.PingReply;
import org.jphmesh.web.command.AlertCommands;
import org.jphmesh.web.command.CommandService;
import org.jphmesh.web.graphs.SavedGraphStore;
import org.jphmesh.web.health.DatabasePing;
import org.jphmesh.web.health.DependencyHealth;
import org.jphmesh.web.health.HealthProbe;
import org.jphmesh.web.health.RedisPing;
import org.jphmesh.web.history.AlertHistory;
import org.jphmesh.web.history.HistoryStore;
import org.jphmesh.web.http.WebMetrics;
import org.jphmesh.web.http.WebServer;
import org.jphmesh.web.http.WebServices;
import org.jphmesh.web.http.WebSettings;
import org.jphmesh.web.http.auth.LoginLimiter;
import org.jphmesh.web.http.auth.MemorySessionStore;
import org.jphmesh.web.http.auth.PostgresSessionStore;
import org.jphmesh.web.http.auth.SessionStore;
import org.jphmesh.web.http.auth.UserStore;
import org.jphmesh.web.http.error.ApiException;
import org.jphmesh.web.live.LiveHub;
import org.jphmesh.web.mqtt.MqttBridge;
import org.jphmesh.web.state.MeshEvent;
import org.jphmesh.web.state.MeshView;
import org.jphmesh.web.state.RedisSeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dashboard: a node on the mesh whose frames feed the {@link MeshView}, the HTTP server over it, and
 * the MQTT bridge. Redis and PostgreSQL are optional and may be away at start: the tiles come from the
 * bus, history and sign-in wait for the database. The whole entry is read before the node joins the bus,
 * so a start that fails on its config never disturbs the mesh.
 */
public final class WebApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final Duration PING_EVERY = Duration.ofSeconds(30);
    /** However active, a sign-in lasts at most a week. */
    private static final Duration SESSION_LIFETIME = Duration.ofDays(7);

    private final Node node;
    private final MeshView view;
    private final HikariDataSource database;
    private final HikariDataSource replica;
    private final LiveHub live;
    private final WebServer server;
    private final ScheduledExecutorService chores;
    private final Optional<MqttBridge> mqtt;
    private final DependencyHealth health;
    private final Map<BusChannel, Long> malformedSeen = new EnumMap<>(BusChannel.class);
    private volatile Double ingestLagSeconds;

    private WebApp(NodeOptions given, WebSettings override) {
        NodeOptions options = given.config() != null ? given
                : given.withConfig(ConfigLoader.load(given.configLocation()));
        Codifier code = options.codifier();
        SensorConfig entry = options.config().sensor(code).orElseThrow(() ->
                new ConfigException("codifier " + code + " has no entry in " + options.configLocation()));
        // Everything the entry says is checked before the node joins the bus (see DashboardEntry).
        DashboardEntry settings = DashboardEntry.read(entry, override);
        refuseTakenPort(settings.web());
        this.view = new MeshView(options.config(), code, Clock.systemUTC());
        // A dashboard never steps down for another instance of its codifier (a forged stream can look like one):
        // it keeps running and says so, in the events and on /health.
        this.node = Node.start(options.withStopOnDuplicate(false), new NodeCallbacks() {
            @Override
            public void onFrame(Node n, Frame frame, InetSocketAddress sender) {
                view.onFrame(frame);
            }

            @Override
            public void onDuplicateInstance(Node n, DuplicateInstance other) {
                view.event(new MeshEvent(view.now(), MeshEvent.Kind.control, other.describe(code.value())
                        + "; this dashboard keeps running", code.value(), null, null));
            }

            @Override
            public void onReload(Node n, SensorConfig reloaded) {
                view.reload(n.config());
                if (mqtt != null) {
                    mqtt.ifPresent(MqttBridge::configChanged);
                }
            }
        });
        // From here on a failure must close what already started, the node first of all.
        List<AutoCloseable> started = new ArrayList<>(List.of(node));
        try {
            view.useAccounting(node.accounting());
            this.chores = Executors.newScheduledThreadPool(1, new DefaultThreadFactory("jph-web-chores", true));
            started.add(chores::shutdownNow);
            RedisSettings redis = settings.redis();
            if (redis != null) {
                chores.execute(() -> {
                    int seeded = RedisSeed.seed(view, redis);
                    LOG.info("{} - {} codifiers seeded from Redis", code, Math.max(seeded, 0));
                });
            }
            // History, users and the ingest-lag figure share a small pool; while the database is away they answer 503.
            this.database = settings.sql() == null ? null
                    : SqlPool.open(settings.sql(), "jph-" + code.value() + "-web", 4, 1, Duration.ofSeconds(3));
            if (database != null) {
                started.add(database);
            }
            // History may come from a replica (Sensor.SQL.ReadHosts); users and sign-ins always from the primary.
            this.replica = database == null || !settings.sql().readsFromReplicas() ? null
                    : SqlPool.open(settings.sql().forReads(), "jph-" + code.value() + "-web-reads", 4, 0, Duration.ofSeconds(3));
            if (replica != null) {
                started.add(replica);
            }
            HistoryStore history = database == null ? null : new HistoryStore(replica != null ? replica : database);
            UserStore users = database == null ? null : new UserStore(database);
            ObjectMapper json = new ObjectMapper();
            WebSettings web = settings.web();
            Duration idle = Duration.ofMinutes(web.sessionIdleMinutes());
            SessionStore sessions = database == null ? new MemorySessionStore(Clock.systemUTC(), idle, SESSION_LIFETIME, 10_000)
                    : new PostgresSessionStore(database, Clock.systemUTC(), idle, SESSION_LIFETIME);
            this.live = new LiveHub(view, json, cookie -> web.anonymousRead() || signedIn(sessions, cookie));
            started.add(live);
            WebMetrics metrics = new DashboardMetrics(node, view, live, () -> ingestLagSeconds).register(new WebMetrics());
            CommandService commands = new CommandService(node, view);
            this.mqtt = Optional.ofNullable(settings.mqtt()).map(mqttSettings -> new MqttBridge(mqttSettings, view, commands));
            mqtt.ifPresent(bridge -> started.add(bridge));
            mqtt.ifPresent(MqttBridge::start);
            mqtt.ifPresent(bridge -> DashboardMetrics.mqtt(metrics, bridge));
            this.health = new DependencyHealth(
                    Optional.ofNullable(redis).map(r -> probe("redis", new RedisPing(r, HealthProbe.TIMEOUT))),
                    Optional.ofNullable(database).map(pool -> probe("postgres", new DatabasePing(pool))),
                    () -> mqtt.map(MqttBridge::health).orElse("not configured"));
            started.add(health);
            AlertHistory alertHistory = database == null ? null : new AlertHistory(database);
            WebServices services = new WebServices(web, node, view, commands, new AlertCommands(node, view), history,
                    alertHistory, database == null ? null : new SavedGraphStore(database), users, sessions,
                    new LoginLimiter(Clock.systemUTC(), 5, Duration.ofMinutes(5)), live, metrics, health);
            this.server = WebServer.start(services);
        } catch (RuntimeException e) {
            // Port taken or the like: nothing started so far may outlive the failed start.
            Collections.reverse(started);
            for (AutoCloseable part : started) {
                closeQuietly(part);
            }
            throw e;
        }
        chores.scheduleWithFixedDelay(view::tick, 500, 500, TimeUnit.MILLISECONDS);
        chores.scheduleWithFixedDelay(this::pingAll, 1_000, PING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        chores.scheduleWithFixedDelay(this::noticeMalformed, 5, 5, TimeUnit.SECONDS);
        if (database != null) {
            HistoryStore history = new HistoryStore(database);
            chores.scheduleWithFixedDelay(() -> refreshLag(history), 2, 10, TimeUnit.SECONDS);
        }
    }

    public static WebApp start(NodeOptions options, WebSettings override) {
        return new WebApp(options, override);
    }

    /** For the WebSocket upgrade: a session the store cannot check (database away) is not one. */
    private static boolean signedIn(SessionStore sessions, String cookie) {
        try {
            return sessions.find(cookie).isPresent();
        } catch (ApiException e) {
            return false;
        }
    }

    private static HealthProbe probe(String name, HealthProbe.Check check) {
        return new HealthProbe(name, check, Clock.systemUTC(), HealthProbe.TIMEOUT, HealthProbe.FRESH);
    }

    /**
     * Fails before the bus when the HTTP port is already taken (most often: this dashboard runs already), so
     * the second instance never announces itself to the mesh. Port 0 picks a free one and needs no check.
     */
    private static void refuseTakenPort(WebSettings web) {
        if (web.port() == 0) {
            return;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(web.bind(), web.port()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on " + web.bind() + ":" + web.port() + " (" + e.getMessage()
                    + "); is this dashboard running already? Sensor.Web.Port or -p picks another port");
        }
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.debug("closing after a failed start: {}", e.toString());
        }
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
        health.close();
        if (database != null) {
            database.close();
        }
        if (replica != null) {
            replica.close();
        }
    }
}
