package org.jphmesh.web.state;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jphmesh.app.alerts.AlertRules;
import org.jphmesh.app.roles.ProgramRoles;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.config.StateLabels;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.sequence.SequenceAccounting;

/**
 * The sensors and nodes as the pages, the API and the bridge show them at the clock's instant: what was heard of
 * each codifier joined with its config entry, and the status rules. A status is a function of time, so every view
 * is made when asked for, never stored.
 */
final class MeshProjection {

    /** Programs on the mesh, not sensors: a tile only once they send a reading, and never STALE as a node. */
    static final Set<String> PROGRAM_TYPES = ProgramRoles.PROGRAMS;
    /** The legacy consoles' type, which jph-control's codifier shares in spirit. */
    private static final String TOOL_TYPE = "ControlProgram";
    /** A codifier without an entry gets the config's defaults: a minute for its reading and its keep-alive. */
    static final long UNCONFIGURED_MILLIS = 60_000;
    /** The type shown for an alert rule with no entry of its own: it is known from its Alerts entry's list. */
    static final String RULE_TYPE = "AlertRule";

    private final Clock clock;
    private final TrackedCodifiers tracked;
    private final Supplier<ConfiguredMesh> mesh;
    private final Supplier<SequenceAccounting> accounting;

    /** {@code accounting} may supply null: no sequence figures yet. */
    MeshProjection(Clock clock, TrackedCodifiers tracked, Supplier<ConfiguredMesh> mesh,
                   Supplier<SequenceAccounting> accounting) {
        this.clock = clock;
        this.tracked = tracked;
        this.mesh = mesh;
        this.accounting = accounting;
    }

    /** Every sensor: configured entries that send readings, and any codifier heard sending one. */
    List<SensorView> sensors() {
        ConfiguredMesh current = mesh.get();
        List<SensorView> out = new ArrayList<>();
        for (SensorConfig entry : current.config().sensors()) {
            Tracked state = tracked.get(entry.code());
            boolean sends = state != null && state.sentData;
            if (sends || (entry.active() && !PROGRAM_TYPES.contains(entry.type()))) {
                out.add(view(current, entry.code()));
            }
        }
        // A rule is a sensor of the config like an entry, though most rules have none (docs/rules.md).
        for (AlertRules.Rule rule : current.rules().all()) {
            Tracked state = tracked.get(rule.code());
            boolean sends = state != null && state.sentData;
            boolean active = current.entry(rule.node()).map(SensorConfig::active).orElse(true);
            if (!current.isConfigured(rule.code()) && (sends || active)) {
                out.add(view(current, rule.code()));
            }
        }
        for (Codifier code : tracked.codes()) {
            if (tracked.get(code).sentData && !current.isConfigured(code) && !current.rules().isRule(code)) {
                out.add(view(current, code));
            }
        }
        out.sort(Comparator.comparing(SensorView::node).thenComparing(SensorView::code));
        return out;
    }

    Optional<SensorView> sensor(Codifier code) {
        ConfiguredMesh current = mesh.get();
        boolean known = current.isConfigured(code) || current.rules().isRule(code) || tracked.contains(code);
        return known ? Optional.of(view(current, code)) : Optional.empty();
    }

    SensorView view(Codifier code) {
        return view(mesh.get(), code);
    }

    private SensorView view(ConfiguredMesh current, Codifier code) {
        SensorConfig entry = current.entry(code).orElse(null);
        Codifier node = current.nodeOf(code);
        SensorConfig nodeEntry = current.entry(node).orElse(entry);
        AlertRules.Rule rule = entry == null ? current.rules().rule(code).orElse(null) : null;
        // A rule sends as often as its Alerts entry's own reading, so it is late when that one would be.
        SensorConfig timing = rule != null ? nodeEntry : entry;
        long timeoutMs = timing == null ? UNCONFIGURED_MILLIS : timing.timeout().toMillis();
        long keepAliveMs = nodeEntry == null ? UNCONFIGURED_MILLIS : nodeEntry.keepAlive().toMillis();
        // A proxy reads when its node does; charts break their line after about two intervals of silence.
        Long intervalMs = nodeEntry == null ? null : nodeEntry.interval().toMillis();
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
        String name = entry != null ? entry.shortName() : rule != null ? rule.name() : code.value();
        return new SensorView(code.value(),
                name,
                entry != null ? entry.name() : name,
                entry == null ? "" : entry.symbol(),
                entry != null ? entry.type() : rule != null ? RULE_TYPE : "unknown",
                node.value(),
                entry != null && entry.controlEnabled() || nodeEntry != null && nodeEntry.controlEnabled() && node.equals(code),
                value, text, readingAt, sequence, aliveAt, active, status, timeoutMs, keepAliveMs, intervalMs,
                entry == null ? "" : DisplayUnit.of(entry.symbol()),
                entry == null ? null : entry.dataType().key(),
                entry == null ? null : StateLabels.of(entry).labels());
    }

    /** Every node: configured entries that are not proxies or programs without readings, and any codifier heard. */
    List<NodeView> nodes() {
        ConfiguredMesh current = mesh.get();
        List<NodeView> out = new ArrayList<>();
        Set<Codifier> seen = new HashSet<>();
        for (SensorConfig entry : current.config().sensors()) {
            if (!current.isProxy(entry.code()) && (entry.active() || tracked.contains(entry.code()))) {
                out.add(node(current, entry.code()));
                seen.add(entry.code());
            }
        }
        for (Codifier code : tracked.codes()) {
            if (!seen.contains(code) && !current.isProxy(code)) {
                out.add(node(current, code));
            }
        }
        out.sort(Comparator.comparing(NodeView::code));
        return out;
    }

    NodeView node(Codifier code) {
        return node(mesh.get(), code);
    }

    private NodeView node(ConfiguredMesh current, Codifier code) {
        SensorView sensor = view(current, code);
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
        List<Codifier> proxyCodes = current.proxiesOf(code);
        List<String> proxies = new ArrayList<>();
        proxyCodes.forEach(proxy -> proxies.add(proxy.value()));
        proxies.sort(String::compareTo);
        List<Codifier> streams = new ArrayList<>(List.of(code));
        streams.addAll(proxyCodes);
        StreamTotals totals = StreamTotals.of(accounting.get(), streams);
        // A program's node sends no readings of its own: alive is all it can be.
        SensorStatus status = sensor.status() == SensorStatus.STALE && !sensor.type().equals("unknown")
                && current.entry(code).map(e -> PROGRAM_TYPES.contains(e.type())).orElse(false)
                ? SensorStatus.OK : sensor.status();
        // A console or jph-control comes and goes: once gone it was seen, not down.
        boolean tool = current.entry(code).map(e -> TOOL_TYPE.equals(e.type())).orElse(true) && sensor.readingAt() == null;
        if (status == SensorStatus.DOWN && tool) {
            status = SensorStatus.SEEN;
        }
        return new NodeView(code.value(), sensor.name(), sensor.type(), status, sensor.active(), sensor.aliveAt(),
                Math.round(rate * 100) / 100.0, totals.received(), totals.lost(), totals.duplicated(), totals.reordered(),
                totals.restarts(), rtt, pingAt, sensor.controlEnabled(), List.copyOf(proxies),
                ProgramRoles.isProgram(sensor.type()));
    }
}
