package org.jphmesh.app.alerts;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.testing.RecordingCallbacks;

/**
 * Stands in for an alerts node (docs/rules.md) in the tests of the programs that read alerts (the dashboard,
 * {@code jph-control}): {@link #send} (and each timer tick) puts each rule's state on the bus as the rule's codifier,
 * and an {@code A} frame to a rule is answered as the protocol says, with the rule's new state at once.
 */
public final class FakeAlertsNode extends RecordingCallbacks {

    public final Map<Codifier, AlertStatus> states = new ConcurrentHashMap<>();

    public FakeAlertsNode rule(String code, AlertStatus status) {
        states.put(Codifier.of(code), status);
        return this;
    }

    @Override
    public void onTimer(Node node) {
        super.onTimer(node);
        send(node);
    }

    /** Every rule's state, as the alerts node sends it every SensorInterval. */
    public void send(Node node) {
        states.forEach((code, status) -> node.sendJson(code, status.toJson()));
    }

    @Override
    public void onControl(Node node, Frame frame) {
        super.onControl(node, frame);
        AlertStatus before = states.get(frame.to());
        if (frame.flag() != Flag.SET || before == null) {
            return;
        }
        AlertCommand command = AlertCommand.of(frame.control().timeComponent());
        long silencedUntil = command instanceof AlertCommand.Silence silence
                ? System.currentTimeMillis() + silence.period().toMillis() : 0;
        boolean ack = command instanceof AlertCommand.Acknowledge
                || command instanceof AlertCommand.Silence && before.acknowledged();
        AlertStatus after = new AlertStatus(before.state(), before.since(), before.message(), before.severity(), ack,
                silencedUntil);
        states.put(frame.to(), after);
        node.sendJson(frame.to(), after.toJson());
    }
}
