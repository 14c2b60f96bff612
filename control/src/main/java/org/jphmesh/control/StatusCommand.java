package org.jphmesh.control;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.sequence.SequenceAccounting;
import org.jphmesh.bus.sequence.SequenceStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code jph-control status}: joins the mesh, listens for a few seconds (after pinging {@code @@}, so every node
 * speaks at once) and prints one row per codifier heard.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Listen for a few seconds and print a table of the nodes heard.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    JphControl parent;

    @Option(names = {"-l", "--listen"}, defaultValue = "5", description = "seconds to listen (default: ${DEFAULT-VALUE})")
    double listen;

    /** What was heard from one codifier while listening. */
    private static final class Heard {
        volatile Boolean active;
        volatile long lastAliveMillis;
        volatile long lastFrameMillis;
        volatile long readings;
    }

    @Override
    public Integer call() throws Exception {
        if (!(listen > 0)) {
            throw new ParameterException(spec.commandLine(), "--listen must be > 0 seconds");
        }
        Map<Codifier, Heard> heard = new ConcurrentHashMap<>();
        NodeCallbacks recorder = new NodeCallbacks() {
            @Override
            public void onFrame(Node node, Frame frame, InetSocketAddress sender) {
                Heard h = heard.computeIfAbsent(frame.from(), c -> new Heard());
                long now = System.currentTimeMillis();
                h.lastFrameMillis = now;
                if (frame.channel() == BusChannel.CONTROL) {
                    h.active = frame.control().active();
                    if (frame.flag() == Flag.ALIVE || frame.flag() == Flag.PONG || frame.flag() == Flag.NEW_SEQUENCE) {
                        h.lastAliveMillis = now;
                    }
                } else if (frame.flag() != Flag.DATA_SEQUENCE) {
                    synchronized (h) {
                        h.readings++;
                    }
                }
            }
        };
        Duration listening = Duration.ofNanos(Math.round(listen * 1e9));
        // Joined as a node, as the legacy console did: N first, then frames stamped when they are sent.
        try (Node node = parent.mesh.join(recorder)) {
            long started = System.currentTimeMillis();
            // One ping to everyone, so every node (legacy ones too) answers at once with its state.
            node.ping(Codifier.BROADCAST, listening);
            Thread.sleep(listening.toMillis());
            print(node.config(), heard, node.accounting(), System.currentTimeMillis() - started);
        }
        return heard.isEmpty() ? ExitCodes.NO_REPLY : ExitCodes.OK;
    }

    private void print(MeshConfig config, Map<Codifier, Heard> heard, SequenceAccounting accounting,
                       long listenedMillis) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-4s %-24s %-7s %-12s %8s %6s %5s %6s%n", "CODE", "NAME", "ACTIVE", "LAST ALIVE", "RATE/s",
                "LOST", "DUP", "REORD");
        long now = System.currentTimeMillis();
        for (Map.Entry<Codifier, Heard> row : byCode(heard).entrySet()) {
            Codifier code = row.getKey();
            Heard h = row.getValue();
            SensorConfig entry = config.sensor(code).orElse(null);
            Boolean active = h.active;
            if (active == null && entry != null && entry.isProxy() && entry.proxyParent() != null) {
                Heard parent = heard.get(entry.proxyParent());
                active = parent == null ? null : parent.active;
            }
            long lost = 0;
            long dup = 0;
            long reordered = 0;
            for (BusChannel bus : BusChannel.values()) {
                SequenceStats stats = accounting.stats(code, bus).orElse(null);
                if (stats != null) {
                    lost += stats.lost();
                    dup += stats.duplicated();
                    reordered += stats.reordered();
                }
            }
            long aliveAt = Math.max(h.lastAliveMillis, h.lastFrameMillis);
            out.printf(Locale.ROOT, "%-4s %-24s %-7s %-12s %8.2f %6d %5d %6d%n", code,
                    truncate(entry == null ? "(not in config)" : entry.shortName(), 24),
                    active == null ? "-" : active ? "yes" : "HALTED",
                    // Never "-0.1 s ago": a frame may be stamped after "now" was taken, or by a clock a little ahead.
                    String.format(Locale.ROOT, "%.1f s ago", Math.max(0, now - aliveAt) / 1000.0),
                    h.readings * 1000.0 / Math.max(1, listenedMillis), lost, dup, reordered);
        }
        if (heard.isEmpty()) {
            out.println("(no node heard)");
        }
        out.flush();
    }

    private static Map<Codifier, Heard> byCode(Map<Codifier, Heard> heard) {
        Map<Codifier, Heard> sorted = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        sorted.putAll(heard);
        return sorted;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
