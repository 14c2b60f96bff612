package org.jphmesh.web.mqtt;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.jphmesh.app.mqtt.MqttConnection;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.web.command.CommandService;
import org.jphmesh.web.state.MeshListener;
import org.jphmesh.web.state.MeshView;
import org.jphmesh.web.state.SensorView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bridges the dashboard's view of the mesh to an MQTT broker, and Home Assistant through it.
 *
 * <p>Topics under the prefix ({@code jph} by default), all retained and QoS 1:
 * {@code <code>/state} (the reading), {@code <code>/attributes} (JSON), {@code <code>/availability}
 * ({@code online}/{@code offline} from the node's liveness, on change only), {@code <node>/active}
 * ({@code ON}/{@code OFF}) and {@code bridge/availability} (with an {@code offline} will). Commands come in
 * on {@code <code>/set} and {@code <code>/cmd} (see {@link MqttCommands}); refusals go out, not retained, on
 * {@code bridge/error}. Discovery configs go under the discovery prefix (see {@link HomeAssistantDiscovery}).
 *
 * <p>QoS 1 because the broker's PUBACK is what {@link #published()} counts, and a retained state that
 * silently missed the broker would stay wrong in Home Assistant until the sensor's next reading; duplicates
 * are harmless, every message is idempotent.
 *
 * <p>Threads: {@link #sensorChanged} runs on the bus I/O thread and only marks the codifier dirty; one
 * publisher thread reads the view, builds the messages into a bounded, per-topic coalescing
 * {@link OutboundQueue}, and sends while connected. Startup never waits for the broker: the connection is
 * made in the background and, once made, every retained topic is sent again (the broker may have lost them).
 *
 * <p>Only codifiers with a config entry are published and commanded unless the settings opt in to codifiers
 * that are only heard ({@link MqttSettings#publishes}, {@link MqttSettings#allowsTarget}); Home Assistant's
 * birth message republishes discovery at most once per {@link #REPUBLISH_INTERVAL} ({@link RepublishGate}).
 */
public final class MqttBridge implements MeshListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MqttBridge.class);
    private static final int BATCH = 256;
    /** Home Assistant's birth message triggers at most one discovery republish per this long. */
    public static final Duration REPUBLISH_INTERVAL = Duration.ofSeconds(30);

    private final MqttSettings settings;
    private final MeshView view;
    private final MqttTopics topics;
    private final OutboundQueue queue;
    private final MeshMessages messages;
    private final MqttCommands commands;
    private final MqttConnection connection;
    private final Set<String> dirty = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean everything = new AtomicBoolean();
    private final AtomicBoolean discovery = new AtomicBoolean();
    private final RepublishGate births;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 60_000);
    private final Thread publisher;
    private volatile boolean closed;

    /**
     * A bridge, not yet connected; {@link #start()} starts it. {@code commandService} may be null for a
     * bridge that only publishes (it then subscribes to no command topic).
     */
    public MqttBridge(MqttSettings settings, MeshView view, CommandService commandService) {
        this(settings, view, commandService, Clock.systemUTC());
    }

    /** {@code clock} paces the republish on Home Assistant's birth message. */
    public MqttBridge(MqttSettings settings, MeshView view, CommandService commandService, Clock clock) {
        // Without a command service nothing is accepted, so discovery must not offer buttons that do nothing.
        settings = commandService == null ? settings.withCommands(Set.of()) : settings;
        this.settings = settings;
        this.view = view;
        this.topics = MqttTopics.of(settings);
        this.queue = new OutboundQueue(settings.queueCapacity());
        this.messages = new MeshMessages(view, topics, settings, queue);
        this.births = new RepublishGate(clock, REPUBLISH_INTERVAL);
        this.commands = commandService == null ? null
                : new MqttCommands(view.self().value(), settings, topics, commandService, MqttBridge.hasEntry(view), queue,
                this::wake);
        List<String> subscriptions = new ArrayList<>();
        if (commands != null) {
            subscriptions.add(topics.setFilter());
            subscriptions.add(topics.commandFilter());
        }
        if (settings.discoveryEnabled()) {
            subscriptions.add(topics.discoveryStatus());
        }
        this.connection = new MqttConnection(view.self().value(), settings.broker(),
                new MqttConnection.Will(topics.bridgeAvailability(), MqttTopics.OFFLINE), subscriptions, new Events());
        this.publisher = new DefaultThreadFactory("jph-mqtt-publish", true).newThread(this::run);
    }

    /** Whether a codifier (as a topic names it) has an entry in the view's config as it is now. */
    static Predicate<String> hasEntry(MeshView view) {
        return code -> {
            try {
                return view.entry(Codifier.of(code)).isPresent();
            } catch (IllegalArgumentException e) {
                return false;
            }
        };
    }

    /** The bridge of a dashboard entry, or empty when its entry has no {@code Sensor.Mqtt} block. */
    public static Optional<MqttBridge> fromEntry(SensorConfig entry, MeshView view, CommandService commandService) {
        return MqttSettings.fromEntry(entry).map(settings -> new MqttBridge(settings, view, commandService));
    }

    /** Listens to the view and connects in the background; returns at once, whether or not the broker is up. */
    public MqttBridge start() {
        if (started.compareAndSet(false, true)) {
            LOG.info("{} - MQTT bridge {}", view.self(), settings);
            view.addListener(this);
            publisher.start();
            connection.start();
        }
        return this;
    }

    /** After {@link MeshView#reload}: discovery configs again, with entities of removed entries deleted. */
    public void configChanged() {
        discovery.set(true);
        wake();
    }

    @Override
    public void sensorChanged(SensorView sensor) {
        dirty.add(sensor.code());
        wake();
    }

    /** Messages the broker acknowledged. */
    public long published() {
        return published.get();
    }

    /** Messages dropped because the queue was full (the oldest reading first). */
    public long dropped() {
        return queue.dropped();
    }

    /** Waiting retained messages replaced by a newer one for the same topic before they were sent. */
    public long coalesced() {
        return queue.coalesced();
    }

    /** Commands received over MQTT and refused (not allowed, malformed, unknown target, no Control). */
    public long refusedCommands() {
        return commands == null ? 0 : commands.refused();
    }

    /** Commands received over MQTT and handed to the command service. */
    public long commandsSent() {
        return commands == null ? 0 : commands.sent();
    }

    public boolean connected() {
        return connection.isConnected();
    }

    /** For {@code /health}: {@code up} while connected to the broker, {@code down} otherwise. */
    public String health() {
        return connected() ? "up" : "down";
    }

    /** Messages waiting for the broker. */
    public int queued() {
        return queue.size();
    }

    /** Whether a birth message's republish waits for the end of {@link #REPUBLISH_INTERVAL}. */
    public boolean republishPending() {
        return births.pending();
    }

    private void wake() {
        LockSupport.unpark(publisher);
    }

    private void run() {
        while (!closed) {
            boolean busy = false;
            try {
                if (everything.getAndSet(false)) {
                    discovery.set(false);
                    messages.everything();
                }
                if (births.due()) {
                    discovery.set(true);
                }
                if (discovery.getAndSet(false)) {
                    messages.discovery();
                }
                for (Iterator<String> codes = dirty.iterator(); codes.hasNext(); ) {
                    String code = codes.next();
                    // Removed before reading the view: a change after this point marks it dirty again.
                    codes.remove();
                    messages.changed(code);
                }
                busy = send();
            } catch (RuntimeException e) {
                failures.warn("publisher", "{} - MQTT bridge: {}", view.self(), e.toString());
            }
            if (!busy) {
                LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(500));
            }
        }
    }

    /** Sends a batch while connected; true when there may be more to send at once. */
    private boolean send() {
        for (int i = 0; i < BATCH && connection.isConnected(); i++) {
            Outgoing next = queue.poll();
            if (next == null) {
                return false;
            }
            if (!connection.publish(next.topic(), next.payload().getBytes(StandardCharsets.UTF_8), next.retained())) {
                // Not connected any more, or too many unacknowledged: wait for a PUBACK or a reconnect.
                queue.putBack(next);
                return false;
            }
        }
        return connection.isConnected() && queue.size() > 0;
    }

    private final class Events implements MqttConnection.Events {
        @Override
        public void connected() {
            everything.set(true);
            wake();
        }

        @Override
        public void message(String topic, MqttMessage message) {
            if (topic.equals(topics.discoveryStatus())) {
                // Home Assistant's birth message: it has (re)started and needs every config again, paced.
                if (MqttTopics.ONLINE.equals(new String(message.getPayload(), StandardCharsets.UTF_8).trim())) {
                    births.request();
                    wake();
                }
            } else if (commands != null) {
                commands.onMessage(topic, message);
            }
        }

        @Override
        public void delivered(boolean ok) {
            if (ok) {
                published.incrementAndGet();
            }
            wake();
        }
    }

    /** Stops publishing, says {@code offline} on the bridge's availability topic and disconnects. */
    @Override
    public void close() {
        view.removeListener(this);
        closed = true;
        wake();
        if (started.get()) {
            try {
                publisher.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        connection.close();
    }
}
