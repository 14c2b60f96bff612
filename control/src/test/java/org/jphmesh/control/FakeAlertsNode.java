package org.jphmesh.control;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.testing.RecordingCallbacks;

/**
 * Stands in for an alerts node (docs/rules.md): sends each rule's state as the rule's codifier on every tick, and
 * answers an {@code A} frame to a rule as the protocol says, with the rule's new state at once.
 */
final class FakeAlertsNode extends RecordingCallbacks {

    final Map<Codifier, AlertStatus> states = new ConcurrentHashMap<>();

    FakeAlertsNode rule(String code, AlertStatus status) {
        states.put(Codifier.of(code), status);
        return this;
    }

    @Override
    public void onTimer(Node node) {
        super.onTimer(node);
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
        AlertStatus after;
        if (command instanceof AlertCommand.Silence silence) {
            after = new AlertStatus(before.state(), before.since(), before.message(), before.severity(),
                    before.acknowledged(), System.currentTimeMillis() + silence.period().toMillis());
        } else {
            boolean ack = command instanceof AlertCommand.Acknowledge;
            after = new AlertStatus(before.state(), before.since(), before.message(), before.severity(), ack, 0);
        }
        states.put(frame.to(), after);
        node.sendJson(frame.to(), after.toJson());
    }
}
