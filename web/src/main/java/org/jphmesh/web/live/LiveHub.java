package org.jphmesh.web.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.eclipse.jetty.websocket.api.Callback;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.web.http.auth.AccessGuard;
import org.jphmesh.web.state.MeshEvent;
import org.jphmesh.web.state.MeshListener;
import org.jphmesh.web.state.MeshView;
import org.jphmesh.web.state.SensorView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans the mesh out to browsers over WebSocket: a snapshot on connect, then every {@value #FLUSH_MILLIS} ms
 * one message with the sensors that changed (latest wins, so a burst costs one message per browser, not one
 * per frame) and the events since. One thread sends everything, so messages to a browser never interleave,
 * and the bus I/O thread only puts changes in a map. Snapshots, and updates in which an alert rule changed, carry
 * the number of firing rules for the Alerts badge of every page.
 */
public final class LiveHub implements MeshListener, AutoCloseable {

    static final long FLUSH_MILLIS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    private static final int EVENT_QUEUE = 1_000;
    private static final int MAX_UNSENT = 250;

    private final MeshView view;
    private final ObjectMapper json;
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, String> cookies = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, AtomicInteger> unsent = new ConcurrentHashMap<>();
    private final Predicate<String> signedIn;
    private long lastSessionCheck;
    private final ArrayBlockingQueue<MeshEvent> events = new ArrayBlockingQueue<>(EVENT_QUEUE);
    private final ConcurrentHashMap<String, WsContext> clients = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, WsContext> joining = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sender;
    private final AtomicLong messages = new AtomicLong();

    /** {@code signedIn}: whether the session cookie a browser connected with still signs it in. */
    public LiveHub(MeshView view, ObjectMapper json, Predicate<String> signedIn) {
        this.view = view;
        this.signedIn = signedIn;
        this.json = json;
        this.sender = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jph-web-live", true));
        this.sender.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
        view.addListener(this);
    }

    public void configure(WsConfig ws) {
        ws.onConnect(ctx -> {
            ctx.enableAutomaticPings(15, TimeUnit.SECONDS);
            String cookie = ctx.cookie(AccessGuard.COOKIE);
            cookies.put(ctx.sessionId(), cookie == null ? "" : cookie);
            joining.put(ctx.sessionId(), ctx);
        });
        ws.onClose(ctx -> forget(ctx.sessionId()));
        ws.onError(ctx -> forget(ctx.sessionId()));
        ws.onMessage(ctx -> { });
    }

    @Override
    public void sensorChanged(SensorView sensor) {
        // Only the code: the view is read again when sending, so a late notification never sends an older state.
        changed.add(sensor.code());
    }

    @Override
    public void event(MeshEvent event) {
        // A browser that misses an event in a storm still has the events page; the bus thread never waits.
        events.offer(event);
    }

    private void flush() {
        try {
            long now = view.now();
            if (now - lastSessionCheck >= 1_000) {
                lastSessionCheck = now;
                dropSignedOut();
            }
            for (WsContext ctx : new ArrayList<>(joining.values())) {
                joining.remove(ctx.sessionId());
                Map<String, Object> snapshot = new LinkedHashMap<>();
                snapshot.put("type", "snapshot");
                snapshot.put("now", now);
                snapshot.put("sensors", view.sensors());
                snapshot.put("firing", view.firing());
                if (send(ctx, json.writeValueAsString(snapshot))) {
                    clients.put(ctx.sessionId(), ctx);
                }
            }
            List<SensorView> batch = drainChanges();
            if (!batch.isEmpty()) {
                Map<String, Object> update = new LinkedHashMap<>();
                update.put("type", "update");
                update.put("now", now);
                update.put("sensors", batch);
                // Every page's Alerts badge: counted again only when a rule sent something.
                if (batch.stream().anyMatch(sensor -> view.alertRules().isRule(Codifier.of(sensor.code())))) {
                    update.put("firing", view.firing());
                }
                broadcast(json.writeValueAsString(update));
            }
            MeshEvent event;
            while ((event = events.poll()) != null) {
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("type", "event");
                message.put("now", now);
                message.put("event", event);
                broadcast(json.writeValueAsString(message));
            }
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.warn("live update failed: {}", e.toString());
        }
    }

    private List<SensorView> drainChanges() {
        List<SensorView> batch = new ArrayList<>();
        for (String code : changed) {
            if (changed.remove(code)) {
                view.sensor(Codifier.of(code)).ifPresent(batch::add);
            }
        }
        return batch;
    }

    // A browser signed out, expired or removed by an admin stops receiving at once, not when it reconnects.
    private void dropSignedOut() {
        for (WsContext ctx : clients.values()) {
            if (!signedIn.test(cookies.getOrDefault(ctx.sessionId(), ""))) {
                forget(ctx.sessionId());
                closeQuietly(ctx, 4401, "signed out");
            }
        }
    }

    private void broadcast(String message) {
        for (WsContext ctx : clients.values()) {
            if (!send(ctx, message)) {
                forget(ctx.sessionId());
            }
        }
    }

    private boolean send(WsContext ctx, String message) {
        AtomicInteger pending = unsent.computeIfAbsent(ctx.sessionId(), id -> new AtomicInteger());
        // Jetty queues what a stalled browser does not read; past this much it is dropped and reconnects to a snapshot.
        if (pending.get() > MAX_UNSENT || !ctx.session.isOpen()) {
            LOG.debug("dropping live client {}: {} messages unsent", ctx.sessionId(), pending.get());
            closeQuietly(ctx, 1013, "too slow");
            return false;
        }
        pending.incrementAndGet();
        ctx.session.sendText(message, Callback.from(pending::decrementAndGet, failure -> pending.decrementAndGet()));
        messages.incrementAndGet();
        return true;
    }

    private static void closeQuietly(WsContext ctx, int code, String reason) {
        try {
            ctx.closeSession(code, reason);
        } catch (RuntimeException e) {
            LOG.debug("closing live client {}: {}", ctx.sessionId(), e.toString());
        }
    }

    private void forget(String sessionId) {
        cookies.remove(sessionId);
        unsent.remove(sessionId);
        clients.remove(sessionId);
        joining.remove(sessionId);
    }

    public int clients() {
        return clients.size() + joining.size();
    }

    public long messagesSent() {
        return messages.get();
    }

    @Override
    public void close() {
        view.removeListener(this);
        sender.shutdownNow();
        for (WsContext ctx : clients.values()) {
            try {
                ctx.closeSession();
            } catch (RuntimeException e) {
                LOG.debug("closing live client: {}", e.toString());
            }
        }
    }
}
