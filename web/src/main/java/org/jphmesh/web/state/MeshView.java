package org.jphmesh.web.state;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jphmesh.app.roles.ProgramRoles;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.ReadingValues;
import org.jphmesh.bus.frame.TextReading;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.sequence.SequenceStats;

/**
 * The dashboard's picture of the mesh, kept from the frames it hears: each codifier's latest reading, its
 * node's liveness and rate, and recent events. Fed on the bus I/O thread ({@link #onFrame}); read by the
 * HTTP handlers, the WebSocket fan-out and the MQTT bridge. Status is a function of time, so
 * {@link #tick()} re-evaluates it and tells listeners what changed without any frame.
 */
public final class MeshView {

    private static final Set<String> COLLECTOR_TYPES = ProgramRoles.COLLECTORS;
    private static final Set<String> PROGRAM_TYPES = ProgramRoles.PROGRAMS;

    private final Clock clock;
    private final Codifier self;
    private final ConcurrentHashMap<Codifier, Tracked> tracked = new ConcurrentHashMap<>();
    private final List<MeshListener> listeners = new CopyOnWriteArrayList<>();
    private final EventLog events = new EventLog(1_000);
    private volatile MeshConfig config;
    private volatile Map<Codifier, Codifier> parents;
    private volatile Map<Codifier, SensorConfig> entries;
    private volatile SequenceAccounting accounting;

    public MeshView(MeshConfig config, Codifier self, Clock clock) {
        this.clock = clock;
        this.self = self;
        reload(config);
    }

    public void reload(MeshConfig newConfig) {
        Map<Codifier, Codifier> byProxy = new ConcurrentHashMap<>();
        for (SensorConfig entry : newConfig.sensors()) {
            entry.listedProxies().forEach(proxy -> byProxy.put(proxy, entry.code()));
            if (entry.isProxy() && entry.proxyParent() != null) {
                byProxy.putIfAbsent(entry.code(), entry.proxyParent());
            }
        }
        Map<Codifier, SensorConfig> byCode = new HashMap<>();
        newConfig.sensors().forEach(entry -> byCode.putIfAbsent(entry.code(), entry));
        this.entries = Map.copyOf(byCode);
        this.parents = byProxy;
        this.config = newConfig;
    }

    /** Where gaps are read from: the node's own sequence accounting of what it received. */
    public void useAccounting(SequenceAccounting nodeAccounting) {
        this.accounting = nodeAccounting;
    }

    public void addListener(MeshListener listener) {
        listeners.add(listener);
    }

    public void removeListener(MeshListener listener) {
        listeners.remove(listener);
    }

    public MeshConfig config() {
        return config;
    }

    /** The config entry of a codifier, by index (the config's own lookup is a scan). */
    public Optional<SensorConfig> entry(Codifier code) {
        return Optional.ofNullable(entries.get(code));
    }

    public EventLog events() {
        return events;
    }

    public long now() {
        return clock.millis();
    }

    /** The codifier whose node sends this one's readings: a proxy's parent, otherwise itself. */
    public Codifier nodeOf(Codifier code) {
        return parents.getOrDefault(code, code);
    }

    public void onFrame(Frame frame) {
        long now = clock.millis();
        Codifier from = frame.from();
        if (frame.flag().channel() == BusChannel.DATA) {
            onData(frame, from, now);
            return;
        }
        switch (frame.flag()) {
            case ALIVE -> {
                if (track(from).alive(now, frame.control().active())) {
                    event(new MeshEvent(now, MeshEvent.Kind.control, from + (frame.control().active() ? " is active" : " is halted"),
                            from.value(), null, "I"));
                    changedNode(from);
                }
            }
            case NEW_SEQUENCE -> {
                track(from).heard(now);
                event(new MeshEvent(now, MeshEvent.Kind.control, from + " started (new control sequence)", from.value(), null, "N"));
            }
            case PONG -> track(from).heard(now);
            case PING, START, HALT, RELOAD, SET, STEP -> {
                track(from).heard(now);
                event(MeshEvent.command(now, frame));
            }
            default -> { }
        }
    }

    private void onData(Frame frame, Codifier from, long now) {
        Codifier node = nodeOf(from);
        Tracked nodeState = track(node);
        nodeState.heard(now);
        if (frame.flag() == Flag.DATA_SEQUENCE) {
            return;
        }
        DataPayload payload = (DataPayload) frame.payload();
        OptionalDouble number = ReadingValues.numeric(payload);
        String text = payload instanceof TextReading t ? t.text() : payload instanceof JsonReading j ? j.json() : null;
        Tracked sensor = track(from);
        if (isLate(from, frame)) {
            // A late or resent reading is history: it corrects the loss figures, never the latest value.
            return;
        }
        sensor.reading(number.isPresent() ? number.getAsDouble() : null, text, now, frame.sequence());
        nodeState.readings.mark(now);
        noticeGap(from, sensor, now);
        if (text != null && COLLECTOR_TYPES.contains(entry(from).map(SensorConfig::type).orElse(""))) {
            noticeCollector(from, sensor, text, now);
        }
        notify(view(from));
    }

    private boolean isLate(Codifier from, Frame frame) {
        SequenceAccounting source = accounting;
        return source != null && source.stats(from, BusChannel.DATA)
                .map(stats -> stats.lastSequence() != (frame.sequence() & Frame.MAX_SEQUENCE)).orElse(false);
    }

    private void noticeGap(Codifier from, Tracked sensor, long now) {
        SequenceAccounting source = accounting;
        if (source == null) {
            return;
        }
        Optional<SequenceStats> stats = source.stats(from, BusChannel.DATA);
        if (stats.isPresent() && stats.get().lost() > sensor.lostSeen) {
            long missing = stats.get().lost() - sensor.lostSeen;
            sensor.lostSeen = stats.get().lost();
            event(new MeshEvent(now, MeshEvent.Kind.gap, from + ": " + missing + " reading(s) missing before sequence "
                    + stats.get().lastSequence(), from.value(), null, null));
        }
    }

    // A collector's report says whether its database is away; the change is what the events page shows.
    private void noticeCollector(Codifier from, Tracked sensor, String report, long now) {
        boolean outage = report.contains("\"outage\":true");
        if (outage != sensor.collectorOutage) {
            sensor.collectorOutage = outage;
            event(new MeshEvent(now, MeshEvent.Kind.collector, outage
                    ? from + ": the database is unavailable; readings wait in the journal"
                    : from + ": storing readings again", from.value(), null, null));
        }
    }

    /** Records the round trip of a ping this dashboard sent. */
    public void pinged(Codifier from, double rttMillis) {
        long now = clock.millis();
        Tracked state = track(from);
        state.heard(now);
        state.pinged(rttMillis, now);
    }

    /** Seeds a codifier from the collector's Redis hash, without overriding what was heard since start. */
    public void seed(Codifier code, Double value, String text, Long readingAt, Long aliveAt, Boolean active) {
        Tracked state = track(code);
        synchronized (state) {
            if (state.readingAt == null && readingAt != null) {
                state.value = value;
                state.text = text;
                state.readingAt = readingAt;
                state.sentData = true;
            }
            if (state.aliveAt == null && aliveAt != null) {
                state.aliveAt = aliveAt;
                state.active = active;
            }
        }
    }

    public void event(MeshEvent event) {
        events.add(event);
        for (MeshListener listener : listeners) {
            listener.event(event);
        }
    }

    /** Re-evaluates every status against the clock and tells listeners of those that changed. */
    public void tick() {
        // The dashboard never hears its own frames; it is alive and active while it runs.
        track(self).alive(clock.millis(), true);
        for (SensorView sensor : sensors()) {
            Tracked state = tracked.get(Codifier.of(sensor.code()));
            if (state != null && state.statusChanged(sensor.status())) {
                tell(sensor);
            }
        }
    }

    /** Every sensor: configured entries that send readings, and any codifier heard sending one. */
    public List<SensorView> sensors() {
        List<SensorView> out = new ArrayList<>();
        MeshConfig current = config;
        for (SensorConfig entry : current.sensors()) {
            Tracked state = tracked.get(entry.code());
            boolean sends = state != null && state.sentData;
            if (sends || (entry.active() && !PROGRAM_TYPES.contains(entry.type()))) {
                out.add(view(entry.code()));
            }
        }
        tracked.forEach((code, state) -> {
            if (state.sentData && !entries.containsKey(code)) {
                out.add(view(code));
            }
        });
        out.sort(Comparator.comparing(SensorView::node).thenComparing(SensorView::code));
        return out;
    }

    public Optional<SensorView> sensor(Codifier code) {
        boolean known = entries.containsKey(code) || tracked.containsKey(code);
        return known ? Optional.of(view(code)) : Optional.empty();
    }

    public SensorView view(Codifier code) {
        SensorConfig entry = entries.get(code);
        Codifier node = nodeOf(code);
        SensorConfig nodeEntry = entries.getOrDefault(node, entry);
        long timeoutMs = entry == null ? 60_000 : entry.timeout().toMillis();
        long keepAliveMs = nodeEntry == null ? 60_000 : nodeEntry.keepAlive().toMillis();
        Tracked state = tracked.get(code);
        Tracked nodeState = tracked.get(node);
        Double value = null;
        String text = null;
        Long readingAt = null;
        Long sequence = null;
        if (state != null) {
            synchronized (state) {
                value = state.value;
                text = state.text;
                readingAt = state.readingAt;
                sequence = state.sequence;
            }
        }
        Long aliveAt = null;
        Boolean active = null;
        if (nodeState != null) {
            synchronized (nodeState) {
                aliveAt = nodeState.aliveAt;
                active = nodeState.active;
            }
        }
        SensorStatus status = SensorStatus.of(clock.millis(), readingAt, aliveAt, active, timeoutMs, keepAliveMs);
        return new SensorView(code.value(),
                entry == null ? code.value() : entry.shortName(),
                entry == null ? code.value() : entry.name(),
                entry == null ? "" : entry.symbol(),
                entry == null ? "unknown" : entry.type(),
                node.value(),
                entry != null && entry.controlEnabled() || nodeEntry != null && nodeEntry.controlEnabled() && node.equals(code),
                value, text, readingAt, sequence, aliveAt, active, status, timeoutMs, keepAliveMs);
    }

    /** Every node: configured entries that are not proxies or programs without readings, and any codifier heard. */
    public List<NodeView> nodes() {
        List<NodeView> out = new ArrayList<>();
        MeshConfig current = config;
        Set<Codifier> seen = new HashSet<>();
        for (SensorConfig entry : current.sensors()) {
            if (!parents.containsKey(entry.code()) && (entry.active() || tracked.containsKey(entry.code()))) {
                out.add(node(entry.code()));
                seen.add(entry.code());
            }
        }
        tracked.forEach((code, state) -> {
            if (!seen.contains(code) && !parents.containsKey(code)) {
                out.add(node(code));
            }
        });
        out.sort(Comparator.comparing(NodeView::code));
        return out;
    }

    public NodeView node(Codifier code) {
        SensorView sensor = view(code);
        Tracked state = tracked.get(code);
        double rate = state == null ? 0 : state.readings.perSecond(clock.millis());
        Double rtt = null;
        Long pingAt = null;
        if (state != null) {
            synchronized (state) {
                rtt = state.pingRttMs;
                pingAt = state.pingAt;
            }
        }
        List<String> proxies = new ArrayList<>();
        List<Codifier> streams = new ArrayList<>(List.of(code));
        parents.forEach((proxy, parent) -> {
            if (parent.equals(code)) {
                proxies.add(proxy.value());
                streams.add(proxy);
            }
        });
        proxies.sort(String::compareTo);
        StreamTotals totals = StreamTotals.of(accounting, streams);
        SensorStatus status = sensor.status() == SensorStatus.STALE && !sensor.type().equals("unknown")
                && entry(code).map(e -> PROGRAM_TYPES.contains(e.type())).orElse(false)
                ? SensorStatus.OK : sensor.status();
        return new NodeView(code.value(), sensor.name(), sensor.type(), status, sensor.active(), sensor.aliveAt(),
                Math.round(rate * 100) / 100.0, totals.received(), totals.lost(), totals.duplicated(), totals.reordered(),
                totals.restarts(), rtt, pingAt,
                sensor.controlEnabled(), List.copyOf(proxies));
    }

    private void changedNode(Codifier node) {
        notify(view(node));
        parents.forEach((proxy, parent) -> {
            if (parent.equals(node)) {
                notify(view(proxy));
            }
        });
    }

    private void notify(SensorView view) {
        Tracked state = tracked.get(Codifier.of(view.code()));
        if (state != null) {
            state.statusChanged(view.status());
        }
        tell(view);
    }

    private void tell(SensorView view) {
        for (MeshListener listener : listeners) {
            listener.sensorChanged(view);
        }
    }

    private Tracked track(Codifier code) {
        return tracked.computeIfAbsent(code, c -> new Tracked());
    }

    public Codifier self() {
        return self;
    }
}
