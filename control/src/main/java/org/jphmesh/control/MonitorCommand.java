package org.jphmesh.control;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.BusListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code jph-control monitor}: every frame on both buses, decoded, one line each, with the legacy monitor's filters. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Print every frame heard on the control and data buses, one line each.")
final class MonitorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    JphControl parent;

    @Option(names = "--from", description = "only frames sent by this codifier")
    String from;

    @Option(names = "--to", description = "only frames addressed to this codifier")
    String to;

    @Option(names = "--either", description = "only frames sent by or addressed to this codifier")
    String either;

    @Option(names = "--channel", description = "only this bus: control or data")
    String channel;

    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Option(names = {"-n", "--count"}, defaultValue = "0", description = "stop after this many frames (0: no limit)")
    long count;

    @Option(names = "--duration", defaultValue = "0", description = "stop after this many seconds (0: until Ctrl-C)")
    double duration;

    @Override
    public Integer call() throws Exception {
        Codifier fromCode = optional(from, "--from");
        Codifier toCode = optional(to, "--to");
        Codifier eitherCode = optional(either, "--either");
        BusChannel bus = bus();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch done = new CountDownLatch(1);
        long[] printed = {0};
        BiConsumer<Frame, InetSocketAddress> printer = (frame, sender) -> {
            if ((fromCode != null && !frame.from().equals(fromCode))
                    || (toCode != null && !frame.to().equals(toCode))
                    || (eitherCode != null && !frame.from().equals(eitherCode) && !frame.to().equals(eitherCode))
                    || (bus != null && frame.channel() != bus)) {
                return;
            }
            synchronized (out) {
                if (count > 0 && printed[0] >= count) {
                    return;
                }
                out.println(json ? FrameFormatter.json(frame) : FrameFormatter.text(frame));
                out.flush();
                if (count > 0 && ++printed[0] >= count) {
                    done.countDown();
                }
            }
        };
        try (BusListener listener = parent.mesh.listen(printer)) {
            Thread hook = new Thread(done::countDown, "jph-control-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            if (duration > 0) {
                done.await(Math.round(duration * 1000), TimeUnit.MILLISECONDS);
            } else {
                done.await();
            }
            removeHook(hook);
            long malformed = listener.counters().malformedTotal();
            if (malformed > 0) {
                spec.commandLine().getErr().printf("jph-control: %d malformed datagrams dropped%n", malformed);
            }
        }
        return ExitCodes.OK;
    }

    private BusChannel bus() {
        if (channel == null) {
            return null;
        }
        return switch (channel.toLowerCase(Locale.ROOT)) {
            case "control", "ctrl" -> BusChannel.CONTROL;
            case "data" -> BusChannel.DATA;
            default -> throw new ParameterException(spec.commandLine(), "--channel must be control or data, not " + channel);
        };
    }

    private Codifier optional(String value, String option) {
        if (value == null) {
            return null;
        }
        try {
            return Codifier.of(value);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and will end the wait.
        }
    }
}
