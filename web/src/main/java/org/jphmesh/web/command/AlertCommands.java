package org.jphmesh.web.command;

import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.app.alerts.AlertRules;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.node.Node;
import org.jphmesh.web.state.MeshEvent;
import org.jphmesh.web.state.MeshView;

/**
 * Sends an operator's acknowledge, silence or lift to an alert rule as the dashboard: an {@code A} frame to the
 * rule's codifier whose time component says which (protocol.md, section 16), after checking that the config has
 * such a rule and that its alerts node takes commands for it (else the node would drop the frame without a word).
 */
public final class AlertCommands {

    private final Node node;
    private final MeshView view;

    public AlertCommands(Node node, MeshView view) {
        this.node = node;
        this.view = view;
    }

    /** The rule of the config with this codifier; refused with 404 when no Alerts entry lists it. */
    public AlertRules.Rule rule(Codifier code) {
        return view.alertRules().rule(code).orElseThrow(() -> new CommandRefusedException(404,
                code + " is not an alert rule: no Alerts entry of the config lists it"));
    }

    public CommandOutcome send(Codifier rule, AlertCommand command, String who) {
        AlertRules rules = view.alertRules();
        AlertRules.Rule known = rule(rule);
        if (!rules.acceptsCommands(rule)) {
            throw new CommandRefusedException(403, rule + " takes no commands: its Alerts entry " + known.node()
                    + " does not have \"Control\": \"enabled\"");
        }
        long timeComponent = (long) command.timeComponent();
        view.event(new MeshEvent(view.now(), MeshEvent.Kind.control, who + " " + describe(command) + " " + rule
                + " (" + known.name() + ")", node.codifier().value(), rule.value(), String.valueOf(Flag.SET.letter())));
        node.sendControl(Flag.SET, rule, timeComponent);
        return new CommandOutcome(String.valueOf(Flag.SET.letter()), rule.value(), null);
    }

    private static String describe(AlertCommand command) {
        if (command instanceof AlertCommand.Silence silence) {
            return "silenced for " + silence.period().toSeconds() + " s";
        }
        return command instanceof AlertCommand.Acknowledge ? "acknowledged" : "lifted silence and acknowledgement of";
    }
}
