package org.jphmesh.web.state;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jphmesh.app.alerts.AlertRules;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.sequence.SequenceAccounting;

/**
 * The dashboard's picture of the mesh, kept from the frames it hears: each codifier's latest reading, its
 * node's liveness and rate, and recent events. Fed on the bus I/O thread ({@link #onFrame}); read by the
 * HTTP handlers, the WebSocket fan-out and the MQTT bridge. Status is a function of time, so
 * {@link #tick()} re-evaluates it and tells listeners what changed without any frame.
 *
 * <p>One entry point over parts with one job each (docs/architecture.md): {@link FrameIntake} takes in frames,
 * {@link GapEvents} and {@link CollectorOutages} word what they show, {@link MeshProjection} makes the views with
 * their status rules, {@link AlertBoard} joins the alert rules with their states, {@link MeshFeed} tells listeners;
 * {@link RedisSeed} fills the view at start.
 */
public final class MeshView {

    private final Clock clock;
    private final Codifier self;
    private final TrackedCodifiers tracked = new TrackedCodifiers();
    private final MeshFeed feed = new MeshFeed(new EventLog(1_000));
    private final MeshProjection projection;
    private final FrameIntake intake;
    private final AlertBoard alerts;
    private volatile ConfiguredMesh mesh;
    private volatile SequenceAccounting accounting;

    public MeshView(MeshConfig config, Codifier self, Clock clock) {
        this.clock = clock;
        this.self = self;
        this.mesh = new ConfiguredMesh(config);
        this.projection = new MeshProjection(clock, tracked, () -> mesh, () -> accounting);
        this.intake = new FrameIntake(clock, tracked, feed, projection, () -> mesh, () -> accounting);
        this.alerts = new AlertBoard(projection, () -> mesh);
    }

    public void reload(MeshConfig newConfig) {
        this.mesh = new ConfiguredMesh(newConfig);
    }

    /** Where gaps are read from: the node's own sequence accounting of what it received. */
    public void useAccounting(SequenceAccounting nodeAccounting) {
        this.accounting = nodeAccounting;
    }

    public void addListener(MeshListener listener) {
        feed.addListener(listener);
    }

    public void removeListener(MeshListener listener) {
        feed.removeListener(listener);
    }

    public MeshConfig config() {
        return mesh.config();
    }

    /** The config entry of a codifier, by index (the config's own lookup is a scan). */
    public Optional<SensorConfig> entry(Codifier code) {
        return mesh.entry(code);
    }

    public EventLog events() {
        return feed.events();
    }

    public long now() {
        return clock.millis();
    }

    /** The codifier whose node sends this one's readings: a proxy's parent, otherwise itself. */
    public Codifier nodeOf(Codifier code) {
        return mesh.nodeOf(code);
    }

    public Codifier self() {
        return self;
    }

    public void onFrame(Frame frame) {
        intake.onFrame(frame);
    }

    /** Records the round trip of a ping this dashboard sent. */
    public void pinged(Codifier from, double rttMillis) {
        intake.pinged(from, rttMillis);
    }

    /** Seeds a codifier from the collector's Redis hash, without overriding what was heard since start. */
    public void seed(Codifier code, SeededState seeded) {
        tracked.track(code).seed(seeded);
    }

    public void event(MeshEvent event) {
        feed.event(event);
    }

    /** Re-evaluates every status against the clock and tells listeners of those that changed. */
    public void tick() {
        // The dashboard never hears its own frames; it is alive and active while it runs.
        tracked.track(self).alive(clock.millis(), true);
        for (SensorView sensor : projection.sensors()) {
            if (tracked.contains(Codifier.of(sensor.code()))) {
                feed.statusChanged(sensor);
            }
        }
    }

    /** Every sensor: configured entries that send readings, and any codifier heard sending one. */
    public List<SensorView> sensors() {
        return projection.sensors();
    }

    public Optional<SensorView> sensor(Codifier code) {
        return projection.sensor(code);
    }

    public SensorView view(Codifier code) {
        return projection.view(code);
    }

    /** Every node: configured entries that are not proxies or programs without readings, and any codifier heard. */
    public List<NodeView> nodes() {
        return projection.nodes();
    }

    public NodeView node(Codifier code) {
        return projection.node(code);
    }

    /** The alert rules of the config (docs/rules.md), indexed once per (re)load. */
    public AlertRules alertRules() {
        return mesh.rules();
    }

    /** Every alert rule with the state it last sent, firing first. */
    public List<AlertView> alerts() {
        return alerts.alerts();
    }

    /** How many alert rules fire. */
    public int firing() {
        return alerts.firing();
    }
}
