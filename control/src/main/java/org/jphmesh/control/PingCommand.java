package org.jphmesh.control;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.PingReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jph-control ping Q1}: like ping(8), one line per reply, then min/avg/max and loss. */
@Command(name = "ping", mixinStandardHelpOptions = true,
        description = "Ping a node (or @@ for every node) and print each reply's round-trip time.",
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:at least one reply", "1:no reply", "2:usage or config error"})
final class PingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    JphControl parent;

    @Parameters(index = "0", paramLabel = "CODIFIER", description = "the node to ping, or @@ for all")
    String target;

    @Option(names = {"-n", "--count"}, defaultValue = "4", description = "pings to send (default: ${DEFAULT-VALUE})")
    int count;

    @Option(names = {"-i", "--interval"}, defaultValue = "1", description = "seconds between pings (default: ${DEFAULT-VALUE})")
    double interval;

    @Option(names = {"-W", "--timeout"}, defaultValue = "2", description = "seconds to wait for a reply (default: ${DEFAULT-VALUE})")
    double timeout;

    @Override
    public Integer call() throws Exception {
        if (count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1, not " + count);
        }
        if (!(interval >= 0) || !(timeout > 0)) {
            throw new ParameterException(spec.commandLine(), "--interval must be >= 0 and --timeout > 0 seconds");
        }
        Codifier to;
        try {
            to = Codifier.of(target);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (parent.mesh.code != null && parent.mesh.code.matches("\\d+")) {
            throw new ParameterException(spec.commandLine(), "-c is this tool's own codifier; count pings with -n "
                    + parent.mesh.code);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Double> rtts = new ArrayList<>();
        AtomicInteger replies = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean summarized = new AtomicBoolean();
        // Ctrl-C ends ping(8) with its statistics; so here.
        Thread summaryOnInterrupt = new Thread(() -> {
            if (summarized.compareAndSet(false, true)) {
                summarize(out, to, sent.get(), rtts, replies.get());
            }
        }, "jph-control-ping-summary");
        try (Node node = parent.mesh.join(new NodeCallbacks() {
        })) {
            // Only once on the mesh: a failed start prints its error, not empty statistics.
            Runtime.getRuntime().addShutdownHook(summaryOnInterrupt);
            String name = node.config().sensor(to).map(s -> " (" + s.shortName() + ")").orElse("");
            out.printf("PING %s%s on %s%n", to, name, node.config().multicast().control().socketAddress());
            out.flush();
            List<CompletableFuture<Void>> pending = new ArrayList<>();
            for (int seq = 1; seq <= count; seq++) {
                int n = seq;
                sent.incrementAndGet();
                pending.add(node.ping(to, seconds(timeout)).thenAccept(list -> report(out, to, n, list, rtts, replies)));
                if (seq < count) {
                    Thread.sleep(seconds(interval).toMillis());
                }
            }
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(summaryOnInterrupt);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // Already shutting down: the hook prints the summary.
        }
        if (summarized.compareAndSet(false, true)) {
            summarize(out, to, sent.get(), rtts, replies.get());
        }
        return replies.get() > 0 ? ExitCodes.OK : ExitCodes.NO_REPLY;
    }

    private void report(PrintWriter out, Codifier to, int seq, List<PingReply> list, List<Double> rtts,
                        AtomicInteger replies) {
        synchronized (out) {
            if (list.isEmpty()) {
                out.printf("no reply from %s: seq=%d (timeout %s s)%n", to, seq, trim(timeout));
            }
            for (PingReply reply : list) {
                double ms = reply.roundTrip().toNanos() / 1e6;
                rtts.add(ms);
                replies.incrementAndGet();
                out.printf(Locale.ROOT, "reply from %s: seq=%d time=%.3f ms%s%n", reply.from(), seq, ms,
                        reply.active() ? "" : " (halted)");
            }
            out.flush();
        }
    }

    private void summarize(PrintWriter out, Codifier to, int count, List<Double> rtts, int replies) {
        out.printf("--- %s ping statistics ---%n", to);
        if (to.isBroadcast()) {
            out.printf("%d pings sent, %d replies%n", count, replies);
        } else {
            long lost = count - Math.min(replies, count);
            out.printf("%d pings sent, %d replies, %d%% loss%n", count, replies, Math.round(100.0 * lost / count));
        }
        if (!rtts.isEmpty()) {
            double min = rtts.stream().mapToDouble(Double::doubleValue).min().orElse(0);
            double max = rtts.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double avg = rtts.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            out.printf(Locale.ROOT, "rtt min/avg/max = %.3f/%.3f/%.3f ms%n", min, avg, max);
        }
        out.flush();
    }

    private static Duration seconds(double value) {
        return Duration.ofNanos(Math.round(value * 1e9));
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
