package org.jphmesh.control;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jphmesh.app.alerts.AlertRules;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.app.alerts.AlertUrgency;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jph-control alert list}: every rule of the config with the state it was last heard in. A rule sends its
 * state on every change and every {@code SensorInterval} of its Alerts entry, and nothing asks for it sooner, so the
 * tool listens that long at most (plus two seconds) and stops as soon as every rule was heard.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the alert rules of the config with their state, firing first.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:a rule was heard, or the config has none", "1:no rule heard", "2:usage or config error"})
final class AlertListCommand implements Callable<Integer> {

    private static final Duration SLACK = Duration.ofSeconds(2);

    @Spec
    CommandSpec spec;

    @ParentCommand
    AlertGroupCommand group;

    @Option(names = {"-l", "--listen"}, description = "seconds to listen at most (default: the longest SensorInterval"
            + " of the Alerts entries, plus 2)")
    Double listen;

    /** One row: a rule and the state heard, null when none was. */
    private record Row(AlertRules.Rule rule, AlertStatus status) {
    }

    @Override
    public Integer call() throws Exception {
        if (listen != null && !(listen > 0)) {
            throw new ParameterException(spec.commandLine(), "--listen must be > 0 seconds");
        }
        MeshConfig config = group.parent.mesh.load();
        AlertRules rules = AlertRules.of(config);
        PrintWriter out = spec.commandLine().getOut();
        if (rules.all().isEmpty()) {
            out.println("(no alert rules: no entry of Type Alerts lists rules in its Sensor.Proxy)");
            out.flush();
            return ExitCodes.OK;
        }
        Duration listening = listen != null ? Duration.ofNanos(Math.round(listen * 1e9))
                : longestInterval(config, rules).plus(SLACK);
        Map<Codifier, AlertStatus> heard = new ConcurrentHashMap<>();
        CountDownLatch everyRule = new CountDownLatch(1);
        NodeCallbacks recorder = new NodeCallbacks() {
            @Override
            public void onFrame(Node node, Frame frame, InetSocketAddress sender) {
                if (rules.isRule(frame.from()) && frame.payload() instanceof JsonReading reading) {
                    AlertStatus.parse(reading.json()).ifPresent(status -> heard.put(frame.from(), status));
                    if (heard.size() == rules.all().size()) {
                        everyRule.countDown();
                    }
                }
            }
        };
        try (Node node = group.parent.mesh.join(config, recorder)) {
            everyRule.await(listening.toMillis(), TimeUnit.MILLISECONDS);
        }
        print(out, rules, heard, listening);
        return heard.isEmpty() ? ExitCodes.NO_REPLY : ExitCodes.OK;
    }

    private static Duration longestInterval(MeshConfig config, AlertRules rules) {
        Duration longest = Duration.ZERO;
        for (AlertRules.Rule rule : rules.all()) {
            Duration interval = config.sensor(rule.node()).map(SensorConfig::interval).orElse(Duration.ZERO);
            longest = interval.compareTo(longest) > 0 ? interval : longest;
        }
        return longest;
    }

    private static void print(PrintWriter out, AlertRules rules, Map<Codifier, AlertStatus> heard, Duration listened) {
        List<Row> rows = new ArrayList<>();
        rules.all().forEach(rule -> rows.add(new Row(rule, heard.get(rule.code()))));
        rows.sort(AlertUrgency.comparing(Row::status, row -> row.rule().severity(), row -> row.rule().code().value()));
        long now = System.currentTimeMillis();
        String format = "%-4s %-8s %-8s %-36s %-24s %-28s %s%n";
        out.printf(format, "CODE", "SEVERITY", "STATE", "SINCE", "NAME", "MARKS", "MESSAGE");
        TreeSet<String> silentNodes = new TreeSet<>();
        for (Row row : rows) {
            AlertRules.Rule rule = row.rule();
            AlertStatus status = row.status();
            String marks = status == null ? "-" : AlertFormat.marks(status, now);
            if (!rules.acceptsCommands(rule.code())) {
                marks = marks.equals("-") ? "no commands" : marks + ", no commands";
            }
            if (status == null) {
                silentNodes.add(rule.node().value());
            }
            out.printf(Locale.ROOT, format, rule.code(), rule.severity(), status == null ? "-" : status.state().name(),
                    status == null ? "-" : AlertFormat.since(status, now), truncate(rule.name(), 24), marks,
                    status == null ? "(not heard)" : status.message());
        }
        if (!silentNodes.isEmpty()) {
            out.printf("%d of %d rules not heard within %s: a rule sends its state every SensorInterval of its Alerts"
                    + " entry; is %s running? (-l listens longer)%n", rows.size() - heard.size(), rows.size(),
                    AlertFormat.duration(listened.toMillis()), String.join(", ", silentNodes));
        }
        out.flush();
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
