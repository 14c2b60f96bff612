package org.jphmesh.bus.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.metrics.BusCounters;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.PacedStreamMain;
import org.jphmesh.bus.testing.ProcessCpu;
import org.jphmesh.bus.transport.MulticastTransport;

/**
 * The receiver's cost per frame with the sender in another process: for each offered rate, a
 * {@link PacedStreamMain} process sends {@code f} readings of 100 codifiers on {@code lo} for 5 s, and this
 * process, the receiver, reports frames received, loss, and its own CPU (user + system, every thread, from
 * {@code /proc/self/stat}) per frame received, from the stream's start until the last frame is in.
 * {@code transport}: the {@link MulticastTransport} with a counting listener; {@code node}: a whole
 * {@link Node} (transport, codec, sequence accounting of every frame, the {@code onFrame} tap).
 * Run: {@code mvn -pl bus -am -Pbench test-compile exec:exec "-Dbench=receive node 100000 200000 400000"}.
 */
public final class ReceiveCost {

    private static final String GROUP = "239.255.71.2";
    private static final int PORT = 27102;
    private static final int SECONDS = 5;
    private static final int CODIFIERS = 100;

    private ReceiveCost() {
    }

    public static void main(String[] args) throws Exception {
        boolean wholeNode = args.length > 0 && args[0].equals("node");
        List<Long> rates = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            rates.add(Long.parseLong(args[i]));
        }
        if (rates.isEmpty()) {
            rates = List.of(100_000L, 200_000L, 400_000L);
        }
        LongAdder received = new LongAdder();
        System.out.printf("receiver: %s, %s%n", wholeNode ? "Node" : "MulticastTransport",
                System.getProperty("jph.transport.receive", "default receive path"));
        try (AutoCloseable receiver = wholeNode ? node(received) : transport(received)) {
            stream(200_000, 15); // warm-up: until the JIT has compiled the receive path, not counted
            settle(received);
            System.out.printf("%10s %10s %10s %8s %12s%n", "offered/s", "sent", "received", "loss %", "CPU µs/frame");
            for (long rate : rates) {
                long before = received.sum();
                java.util.Map<String, Long> threadsBefore = ProcessCpu.byThread();
                long cpuBefore = ProcessCpu.processTicks();
                long sent = stream(rate, SECONDS);
                long got = settle(received) - before;
                long cpu = ProcessCpu.processTicks() - cpuBefore;
                System.out.printf(Locale.ROOT, "%10d %10d %10d %8.3f %12.2f%n", rate, sent, got,
                        100.0 * (sent - got) / sent, got == 0 ? 0 : cpu * ProcessCpu.TICK_NANOS / 1000.0 / got);
                java.util.Map<String, Long> threadsAfter = ProcessCpu.byThread();
                StringBuilder top = new StringBuilder("           by thread (µs/frame):");
                threadsAfter.entrySet().stream()
                        .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L)))
                        .filter(e -> e.getValue() > 0)
                        .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                        .forEach(e -> top.append(String.format(Locale.ROOT, " %s %.2f", e.getKey(),
                                e.getValue() * ProcessCpu.TICK_NANOS / 1000.0 / Math.max(1, got))));
                System.out.println(top);
            }
        }
    }

    private static long stream(long rate, int seconds) throws Exception {
        return PacedStreamMain.send(GROUP, PORT, rate, seconds, CODIFIERS).frames();
    }

    // The count once it has stopped rising for 200 ms: everything in the socket's buffer has been read.
    private static long settle(LongAdder received) throws InterruptedException {
        long last = -1;
        long now = received.sum();
        while (now != last) {
            last = now;
            Thread.sleep(200);
            now = received.sum();
        }
        return now;
    }

    private static MulticastTransport transport(LongAdder received) {
        return MulticastTransport.open("BR", config().multicast().transportSettings(), null,
                (channel, frame, sender) -> received.increment(), new BusCounters());
    }

    private static Node node(LongAdder received) {
        return Node.start(NodeOptions.of(Codifier.of("BR"), "bench").withConfig(config()), new NodeCallbacks() {
            @Override
            public void onFrame(Node node, Frame frame, java.net.InetSocketAddress sender) {
                received.increment();
            }
        });
    }

    private static MeshConfig config() {
        return ConfigLoader.parse("{\"Multicast\":{\"Control-Channel\":{\"Address\":\"239.255.71.1\","
                + "\"Port\":27101},\"Data-Channel\":{\"Address\":\"" + GROUP + "\",\"Port\":" + PORT + "},"
                + "\"Interface\":\"lo\",\"TTL\":0},\"Sensors\":[{\"Codifier\":\"BR\",\"Type\":\"Collector\"}]}", "bench");
    }
}
