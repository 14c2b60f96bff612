package org.jphmesh.web.state;

import java.time.Clock;
import java.util.OptionalDouble;
import java.util.function.Supplier;
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

/**
 * Takes in what the dashboard hears, on the bus I/O thread: each frame updates its sender's tracked state, and what
 * changed is told through the {@link MeshFeed}: a sensor's new reading, a node's new liveness, control traffic,
 * gaps in a codifier's readings and a collector's database going away or coming back.
 */
final class FrameIntake {

    private final Clock clock;
    private final TrackedCodifiers tracked;
    private final MeshFeed feed;
    private final MeshProjection projection;
    private final Supplier<ConfiguredMesh> mesh;
    private final Supplier<SequenceAccounting> accounting;
    private final GapEvents gaps = new GapEvents();
    private final CollectorOutages collectors = new CollectorOutages();

    /** {@code accounting} may supply null: then every reading counts as the latest and no gap is told. */
    FrameIntake(Clock clock, TrackedCodifiers tracked, MeshFeed feed, MeshProjection projection,
                Supplier<ConfiguredMesh> mesh, Supplier<SequenceAccounting> accounting) {
        this.clock = clock;
        this.tracked = tracked;
        this.feed = feed;
        this.projection = projection;
        this.mesh = mesh;
        this.accounting = accounting;
    }

    void onFrame(Frame frame) {
        long now = clock.millis();
        Codifier from = frame.from();
        if (frame.flag().channel() == BusChannel.DATA) {
            onData(frame, from, now);
            return;
        }
        switch (frame.flag()) {
            case ALIVE -> {
                if (tracked.track(from).alive(now, frame.control().active())) {
                    feed.event(new MeshEvent(now, MeshEvent.Kind.control,
                            from + (frame.control().active() ? " is active" : " is halted"), from.value(), null, "I"));
                    changedNode(from);
                }
            }
            case NEW_SEQUENCE -> {
                tracked.track(from).heard(now);
                feed.event(new MeshEvent(now, MeshEvent.Kind.control, from + " started (new control sequence)",
                        from.value(), null, "N"));
            }
            case PONG -> tracked.track(from).heard(now);
            case PING, START, HALT, RELOAD, SET, STEP -> {
                tracked.track(from).heard(now);
                feed.event(MeshEvent.command(now, frame));
            }
            default -> { }
        }
    }

    /** Records the round trip of a ping this dashboard sent. */
    void pinged(Codifier from, double rttMillis) {
        long now = clock.millis();
        Tracked state = tracked.track(from);
        state.heard(now);
        state.pinged(rttMillis, now);
    }

    private void onData(Frame frame, Codifier from, long now) {
        ConfiguredMesh current = mesh.get();
        Tracked nodeState = tracked.track(current.nodeOf(from));
        nodeState.heard(now);
        if (frame.flag() == Flag.DATA_SEQUENCE) {
            return;
        }
        Tracked sensor = tracked.track(from);
        SequenceAccounting source = accounting.get();
        if (source != null && !source.isLatest(frame)) {
            // A late or resent reading is history: it corrects the loss figures, never the latest value.
            return;
        }
        DataPayload payload = (DataPayload) frame.payload();
        OptionalDouble number = ReadingValues.numeric(payload);
        String text = payload instanceof TextReading t ? t.text() : payload instanceof JsonReading j ? j.json() : null;
        sensor.reading(number.isPresent() ? number.getAsDouble() : null, text, now, frame.sequence());
        nodeState.readings.mark(now);
        if (source != null) {
            gaps.after(from, source, now).ifPresent(feed::event);
        }
        if (text != null && CollectorOutages.COLLECTOR_TYPES.contains(current.entry(from).map(SensorConfig::type).orElse(""))) {
            collectors.onReport(from, text, now).ifPresent(feed::event);
        }
        feed.changed(projection.view(from));
    }

    // A node's liveness is every one of its codifiers' status: its own and its proxies'.
    private void changedNode(Codifier node) {
        feed.changed(projection.view(node));
        mesh.get().proxiesOf(node).forEach(proxy -> feed.changed(projection.view(proxy)));
    }
}
