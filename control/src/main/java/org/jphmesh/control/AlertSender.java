package org.jphmesh.control;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.app.alerts.AlertRules;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Sends one operator command to an alert rule as an {@code A} frame to the rule's codifier (protocol.md, section 16)
 * and waits for the rule's answer: its alerts node sends the rule's state at once, so the tool can say whether the
 * command took. The picocli mixin of {@code ack}, {@code silence} and {@code unsilence}, with their {@code --timeout}.
 */
final class AlertSender {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-W", "--timeout"}, defaultValue = "2",
            description = "seconds to wait for the rule's answer (default: ${DEFAULT-VALUE})")
    double timeout;

    private volatile long sentAtMillis;

    int send(MeshOptions mesh, String target, AlertCommand command) throws InterruptedException {
        if (!(timeout > 0)) {
            throw new ParameterException(spec.commandLine(), "--timeout must be > 0 seconds");
        }
        Codifier code;
        try {
            code = Codifier.of(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "RULE: " + e.getMessage());
        }
        MeshConfig config = mesh.load();
        AlertRules rules = AlertRules.of(config);
        AlertRules.Rule rule = rules.rule(code).orElseThrow(() -> new ParameterException(spec.commandLine(),
                notARule(code, rules, mesh.config)));
        PrintWriter out = spec.commandLine().getOut();
        if (!rules.acceptsCommands(code)) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf("jph-control: warning: %s's Alerts entry %s does not have \"Control\": \"enabled\", so its"
                    + " alerts node ignores this command%n", code, rule.node());
            err.flush();
        }
        CompletableFuture<AlertStatus> answer = new CompletableFuture<>();
        NodeCallbacks listener = new NodeCallbacks() {
            @Override
            public void onFrame(Node node, Frame frame, InetSocketAddress sender) {
                long sentAt = sentAtMillis;
                if (sentAt == 0 || !frame.from().equals(code) || !(frame.payload() instanceof JsonReading reading)) {
                    return;
                }
                // A state sent before the node took the command (its periodic one) does not show it; wait for the next.
                AlertStatus.parse(reading.json()).filter(status -> command.tookEffect(status, sentAt))
                        .ifPresent(answer::complete);
            }
        };
        AlertStatus confirmed;
        try (Node node = mesh.join(config, listener)) {
            sentAtMillis = System.currentTimeMillis();
            node.sendControl(Flag.SET, code, command.timeComponent());
            out.printf("sent A %d to %s (%s)%n", (long) command.timeComponent(), code, rule.name());
            out.flush();
            confirmed = answer.get(Math.round(timeout * 1000), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            confirmed = null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        if (confirmed == null) {
            out.printf("no answer from %s's alerts node %s within %s s%n", code, rule.node(), trim(timeout));
            out.flush();
            return ExitCodes.NO_REPLY;
        }
        out.printf("%s: %s%n", code, AlertFormat.summary(confirmed, System.currentTimeMillis()));
        out.flush();
        return ExitCodes.OK;
    }

    private static String notARule(Codifier code, AlertRules rules, String configLocation) {
        String known = rules.all().stream().map(r -> r.code().value()).collect(Collectors.joining(", "));
        return code + " is not an alert rule of " + configLocation + ": no entry of Type Alerts lists it in"
                + " Sensor.Proxy" + (known.isEmpty() ? " (the config has no rules)" : " (its rules: " + known + ")");
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
