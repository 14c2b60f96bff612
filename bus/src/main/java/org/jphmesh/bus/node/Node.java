package org.jphmesh.bus.node;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.frame.ResendRange;
import org.jphmesh.bus.metrics.BusCounters;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.transport.MulticastTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A program on the mesh, in Java terms what the legacy JPH library was: it loads its codifier's entry,
 * announces itself, keeps itself alive on the control bus, answers pings, obeys start, halt and reload,
 * and runs the program's {@link NodeCallbacks}.
 *
 * <p>Threads: frames are decoded and the protocol (pong, start, halt, duplicate detection) is handled
 * on the transport's I/O thread; callbacks run on a separate thread; sends are safe from any thread.
 * A node that is halted keeps answering pings and sending {@code I} with active = false.
 */
public final class Node implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeOptions options;
    private final NodeCallbacks callbacks;
    private final InboundDispatcher inbound;
    private final Codifier self;
    private final BusCounters counters = new BusCounters();
    private final SequenceAccounting accounting = new SequenceAccounting();
    private final PingTracker pings = new PingTracker();
    private final InstanceConflicts conflicts;
    private final CompletableFuture<StopReason> stopped = new CompletableFuture<>();
    private final CallbackRunner runner;

    private volatile MeshConfig config;
    private volatile SensorConfig entry;
    private volatile Set<Codifier> proxies;
    private volatile boolean active;
    private volatile boolean ready;
    private volatile ScheduledFuture<?> timer;
    private volatile MulticastTransport transport;
    private volatile EventLoop loop;
    private volatile KeepAliveTimer keepAlive;
    private volatile ControlSender control;
    private volatile DataSender data;
    private volatile ResendResponder resends;

    private Node(NodeOptions options, NodeCallbacks callbacks) {
        this.options = options;
        this.callbacks = callbacks;
        this.self = options.codifier();
        this.runner = new CallbackRunner(self.value(), counters);
        this.inbound = new InboundDispatcher(this, callbacks, runner);
        this.conflicts = new InstanceConflicts(self, options.clock(), options.stopOnDuplicate(),
                () -> new Thread(() -> shutDown(StopReason.DUPLICATE_INSTANCE, false), "jph-" + self + "-stop").start(),
                evidence -> runner.submit("duplicate", () -> callbacks.onDuplicateInstance(this, evidence)));
    }

    /**
     * Loads the config, opens the buses, announces the node and starts its timer.
     *
     * @throws ConfigException when the config is unusable or has no entry for the codifier
     * @throws IllegalStateException when the buses cannot be opened (e.g. an interface the allow-list refuses)
     */
    public static Node start(NodeOptions options, NodeCallbacks callbacks) {
        Node node = new Node(options, callbacks);
        try {
            node.open();
        } catch (RuntimeException e) {
            node.shutDown(StopReason.CLOSED, false);
            throw e;
        }
        return node;
    }

    private void open() {
        MeshConfig loaded = options.effective(options.config() != null ? options.config()
                : ConfigLoader.load(options.configLocation()));
        adopt(loaded, entryFor(loaded));
        active = entry.active();
        transport = MulticastTransport.open(self.value(), config.multicast().transportSettings(),
                options.eventLoopGroup(), new NodeInbound(this), counters,
                options.readsData() ? EnumSet.allOf(BusChannel.class) : EnumSet.of(BusChannel.CONTROL));
        loop = transport.eventLoopGroup().next();
        control = new ControlSender(self, transport, options.clock(), options.random());
        // Multicast settings only change at a restart, so whether frames are kept for resending is fixed here.
        SentFrames sent = config.multicast().resend() ? new SentFrames() : null;
        data = new DataSender(transport, options.clock(), options.random(), sent);
        resends = sent == null ? null : new ResendResponder(self.value(), sent, transport, counters);
        keepAlive = new KeepAliveTimer(loop, () -> entry.keepAlive(), this::sendAlive);
        announce();
        keepAlive.start();
        ready = true;
        timer = runner.scheduleTimer(entry.interval(), this::tick);
        LOG.info("{} - started as {} ({}), {} on {} / {}", self, entry.type(), entry.shortName(),
                active ? "active" : "halted", config.multicast().control().socketAddress(),
                config.multicast().data().socketAddress());
    }

    private SensorConfig entryFor(MeshConfig loaded) {
        return loaded.sensor(self).orElseGet(() -> {
            if (options.adHocType() == null) {
                throw new ConfigException("codifier " + self + " has no entry in "
                        + (options.configLocation() == null ? "the config" : options.configLocation())
                        + " (Sensors lists " + loaded.sensors().size() + " entries)");
            }
            return SensorConfig.adHoc(self, options.adHocType());
        });
    }

    private void adopt(MeshConfig loaded, SensorConfig own) {
        config = loaded;
        entry = own;
        proxies = loaded.proxiesOf(self);
    }

    // As the legacy nodes do: N alone; readings or the keep-alive follow. A halted node says so at once.
    // As the legacy nodes: N, then I right after the first reading unless that reading was good (KeepAliveTimer).
    private void announce() {
        control.announce(active);
        keepAlive.due();
        if (!active) {
            sendAlive();
        }
    }

    private void tick() {
        if (active) {
            callbacks.onTimer(this);
        }
    }

    // Runs on the I/O thread for every well-formed frame.
    void onFrame(BusChannel channel, Frame frame, ByteBuf wire, InetSocketAddress sender) {
        if (ready) {
            inbound.onFrame(channel, frame, wire, sender);
        }
    }

    // The end of one read batch: where a program's tap flushes what it buffered.
    void readComplete(BusChannel channel) {
        if (ready) {
            callbacks.onReadComplete(this, channel);
        }
    }

    void answerPing(Frame ping) {
        control.send(Flag.PONG, ping.from(), ping.control().timeComponent(), active);
    }

    // Halted or not: the frames were sent before, and repairing them is not a new reading.
    void answerResend(Frame request) {
        ResendResponder responder = resends;
        if (responder == null) {
            counters.repair("resend-refused", 1);
            LOG.debug("{} - ignored R from {}: Multicast.Resend is off", self, request.from());
            return;
        }
        responder.answer(request);
    }

    /**
     * Asks {@code target}, the codifier whose data stream has a gap, to resend the readings in {@code range}.
     * Sent whether the node is active or halted: repair is part of recording, not a reading.
     */
    public void requestResend(Codifier target, ResendRange range) {
        if (target.isBroadcast()) {
            throw new IllegalArgumentException("a resend request names one codifier, not @@");
        }
        control.send(Flag.RESEND, target, range.toTimeComponent(), active);
    }

    void setActive(boolean on, Codifier by) {
        boolean changed = active != on;
        active = on;
        if (changed) {
            LOG.info("{} - {} by {}", self, on ? "started" : "halted", by);
        }
        sendAlive();
    }

    /** True when this instance may have sent {@code frame} (its codifier and a sequence number it gave out). */
    boolean sentHere(Frame frame) {
        return frame.channel() == BusChannel.CONTROL ? control.sentHere(frame.sequence())
                : data.sentHere(frame.from(), frame.sequence());
    }

    /** A frame with this node's codifier that this instance did not send: evidence, perhaps, of a second instance. */
    void heardOwnCodifier(Frame frame, InetSocketAddress sender) {
        conflicts.heard(frame, sender.getAddress(), control.startTime(), control.currentStart());
    }

    /** The latest evidence of another instance of this codifier, while it was heard within the last 10 minutes. */
    public Optional<DuplicateInstance> duplicateInstance() {
        return conflicts.latest();
    }

    ControlSender control() {
        return control;
    }

    PingTracker pings() {
        return pings;
    }

    long clockMillis() {
        return options.clock().millis();
    }

    void reload() {
        MeshConfig loaded;
        SensorConfig own;
        try {
            loaded = options.effective(options.configLocation() != null
                    ? ConfigLoader.load(options.configLocation()) : config);
            own = entryFor(loaded);
        } catch (RuntimeException e) {
            counters.callbackFailed("reload");
            LOG.error("{} - reload failed, keeping the running configuration: {}", self, e.getMessage());
            return;
        }
        if (!loaded.multicast().equals(config.multicast())) {
            LOG.warn("{} - Multicast settings changed; they take effect at the next restart", self);
            loaded = loaded.withMulticast(config.multicast());
        }
        boolean intervalChanged = !own.interval().equals(entry.interval());
        adopt(loaded, own);
        announce();
        keepAlive.restart();
        if (intervalChanged) {
            timer.cancel(false);
            timer = runner.scheduleTimer(own.interval(), this::tick);
        }
        LOG.info("{} - configuration reloaded from {}", self, options.configLocation());
        runner.submit("reload", () -> callbacks.onReload(this, own));
    }

    /** Sends a reading for this node's own codifier; false when halted. */
    public boolean sendData(double value) {
        return send(self, Readings.of(value));
    }

    /** Sends a reading for this node or one of its proxies; false when halted. */
    public boolean sendData(Codifier as, double value) {
        return send(as, Readings.of(value));
    }

    public boolean sendData(Codifier as, float value) {
        return send(as, Readings.of(value));
    }

    public boolean sendData(Codifier as, long value) {
        return send(as, Readings.of(value));
    }

    public boolean sendText(Codifier as, String text) {
        return send(as, Readings.text(text));
    }

    public boolean sendJson(Codifier as, String json) {
        return send(as, Readings.json(json));
    }

    /**
     * Sends a data payload as {@code as}, which must be this node or one of its proxies. The first reading
     * of each codifier is preceded by {@code n} announcing that codifier's sequence.
     *
     * @return false when the node is halted (nothing is sent)
     * @throws IllegalArgumentException for a codifier that is not this node's, or a payload over the datagram limit
     */
    public boolean send(Codifier as, DataPayload payload) {
        if (!as.equals(self) && !proxies.contains(as)) {
            throw new IllegalArgumentException(self + " may send readings as itself or its proxies "
                    + proxies + ", not as " + as);
        }
        if (!active) {
            counters.dropped("send-while-halted");
            return false;
        }
        data.send(as, payload);
        return true;
    }

    /**
     * A read went well: no {@code I} is due for another keep-alive interval. The legacy nodes sent {@code I} every
     * {@code KeepAliveInterval} unless a reading of state GOOD postponed it; other frames never did, so a
     * set-point, a collector or a console keeps sending {@code I} however often it reports.
     */
    public void postponeKeepAlive() {
        keepAlive.activity();
    }

    /** Sends a control frame with this node's start time as its time component. */
    public void sendControl(Flag flag, Codifier to) {
        sendControl(flag, to, control.startTime());
    }

    /** Sends a control frame; {@code A}/{@code E} carry their number as the time component. */
    public void sendControl(Flag flag, Codifier to, double timeComponent) {
        if (flag.channel() != BusChannel.CONTROL) {
            throw new IllegalArgumentException("flag " + flag.letter() + " is a data flag");
        }
        control.send(flag, to, timeComponent, active);
    }

    private void sendAlive() {
        sendControl(Flag.ALIVE, Codifier.BROADCAST);
        keepAlive.activity();
    }

    /**
     * Pings {@code target}. For a codifier, completes with its reply or an empty list at the timeout;
     * for {@code @@}, completes at the timeout with every reply heard.
     */
    public CompletableFuture<List<PingReply>> ping(Codifier target, Duration timeout) {
        CompletableFuture<List<PingReply>> done = new CompletableFuture<>();
        double timeComponent = pings.register(target, options.clock().millis(), done);
        sendControl(Flag.PING, target, timeComponent);
        loop.schedule(() -> pings.finish(timeComponent), timeout.toNanos(), TimeUnit.NANOSECONDS);
        return done;
    }

    public Codifier codifier() {
        return self;
    }

    public SensorConfig entry() {
        return entry;
    }

    public MeshConfig config() {
        return config;
    }

    /** The codifiers this node may send readings for besides its own. */
    public Set<Codifier> proxies() {
        return proxies;
    }

    public boolean isActive() {
        return active;
    }

    public BusCounters counters() {
        return counters;
    }

    public SequenceAccounting accounting() {
        return accounting;
    }

    /** Completes when the node stops, with the reason. */
    public CompletableFuture<StopReason> whenStopped() {
        return stopped;
    }

    /**
     * Announces the node halted ({@code I} with active = false) and closes it. Called on the node's own
     * I/O thread (from {@code onFrame} or a ping future) it closes in the background and returns at once.
     */
    @Override
    public void close() {
        EventLoop current = loop;
        if (current != null && current.inEventLoop()) {
            new Thread(() -> shutDown(StopReason.CLOSED, true), "jph-" + self + "-close").start();
            return;
        }
        shutDown(StopReason.CLOSED, true);
    }

    /**
     * Announces the node halted and closes it because its program cannot go on (a worker thread failed), in the
     * background; {@link #whenStopped()} completes with {@link StopReason#FAILED}, so the process exits non-zero.
     */
    public void closeFailed() {
        new Thread(() -> shutDown(StopReason.FAILED, true), "jph-" + self + "-failed").start();
    }

    private void shutDown(StopReason reason, boolean announce) {
        synchronized (stopped) {
            if (stopped.isDone()) {
                return;
            }
            ready = false;
            if (announce && control != null) {
                active = false;
                sendAlive();
            }
            if (keepAlive != null) {
                keepAlive.stop();
            }
            runner.close();
            pings.cancelAll();
            if (transport != null) {
                transport.close();
            }
            stopped.complete(reason);
        }
        LOG.info("{} - stopped ({})", self, reason.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
}
