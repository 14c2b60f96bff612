package org.jphmesh.web.command;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.PingReply;
import org.jphmesh.web.state.MeshEvent;
import org.jphmesh.web.state.MeshView;

/**
 * Turns a command from a person (dashboard, API) or a system (MQTT) into a control frame, after checking
 * it: the target must be a codifier the config names or the dashboard has heard, {@code set}/{@code step}
 * need a finite value and an entry with {@code "Control": "enabled"}, and only {@code ping} may go to
 * {@code @@} (a mistyped halt must not stop the whole mesh).
 */
public final class CommandService {

    private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

    private final Node node;
    private final MeshView view;

    public CommandService(Node node, MeshView view) {
        this.node = node;
        this.view = view;
    }

    public CompletableFuture<CommandOutcome> send(String target, Command command, Double value, String who) {
        Codifier to = target(target, command);
        if (command.needsValue()) {
            if (value == null || !Double.isFinite(value)) {
                throw new CommandRefusedException(400, command + " needs a finite number 'value'");
            }
            boolean enabled = view.entry(to).map(SensorConfig::controlEnabled).orElse(false);
            if (!enabled) {
                throw new CommandRefusedException(403, to + " does not accept " + command
                        + ": its entry does not have \"Control\": \"enabled\"");
            }
        }
        view.event(new MeshEvent(view.now(), MeshEvent.Kind.control, who + " sent " + command + " to " + to
                + (command.needsValue() ? " (" + value + ")" : ""), node.codifier().value(), to.value(),
                String.valueOf(command.flag().letter())));
        if (command == Command.ping) {
            return node.ping(to, PING_TIMEOUT).thenApply(replies -> pinged(to, replies));
        }
        if (command.needsValue()) {
            node.sendControl(command.flag(), to, value);
        } else {
            node.sendControl(command.flag(), to);
        }
        return CompletableFuture.completedFuture(new CommandOutcome(String.valueOf(command.flag().letter()), to.value(), null));
    }

    private CommandOutcome pinged(Codifier to, List<PingReply> replies) {
        List<CommandOutcome.Reply> answers = replies.stream().map(reply -> {
            double rtt = reply.roundTrip().toNanos() / 1_000_000d;
            view.pinged(reply.from(), rtt);
            return new CommandOutcome.Reply(reply.from().value(), Math.round(rtt * 1000) / 1000d, reply.active());
        }).toList();
        return new CommandOutcome("P", to.value(), answers);
    }

    private Codifier target(String text, Command command) {
        Codifier to;
        try {
            to = Codifier.of(text);
        } catch (IllegalArgumentException e) {
            throw new CommandRefusedException(400, "'" + CommandRefusedException.echo(text) + "' is not a codifier: "
                    + CommandRefusedException.echo(e.getMessage()));
        }
        if (to.equals(Codifier.BROADCAST)) {
            if (command != Command.ping) {
                throw new CommandRefusedException(400, "only ping may be sent to @@; send " + command + " to one node");
            }
            return to;
        }
        if (view.sensor(to).isEmpty()) {
            throw new CommandRefusedException(404, "no codifier " + to + " in the config or heard on the bus");
        }
        return to;
    }
}
