package org.jphmesh.router.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.jphmesh.bus.metrics.BusCounters;
import org.jphmesh.bus.testing.NetworkLab;
import org.jphmesh.bus.transport.InterfaceGuard;
import org.jphmesh.bus.transport.MulticastTransport;
import org.jphmesh.bus.transport.TransportSettings;
import org.jphmesh.router.RouterMain;

/**
 * Frames/s a router forwards between two real segments: three network namespaces (sender, router,
 * receiver) joined by two veth pairs, each program a process of its own, as on three machines. The sender
 * paces pre-encoded 32-byte {@code f} datagrams (new sequence each) onto segment a; the router (router.jar's
 * main, links with {@code Loopback} off as on a router box with no local nodes) forwards them to segment b,
 * where a {@link MulticastTransport} counts them. Needs root.
 * Run: {@code mvn -pl router -Pbench test-compile exec:exec -Dbench.main=org.jphmesh.router.bench.RouterNamespaceThroughput}.
 */
public final class RouterNamespaceThroughput {

    private static final String CONTROL = "239.255.72.1";
    private static final String DATA = "239.255.72.2";
    private static final int CONTROL_PORT = 27201;
    private static final int DATA_PORT = 27202;

    private RouterNamespaceThroughput() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("send")) {
            send(args[1], Long.parseLong(args[2]), Integer.parseInt(args[3]));
            return;
        }
        if (args.length > 0 && args[0].equals("receive")) {
            receive(args[1], Integer.parseInt(args[2]));
            return;
        }
        int seconds = Integer.parseInt(args[0]);
        String[] rates = args.length > 1 ? args[1].split(" ") : new String[] {"max"};
        NetworkLab.unavailable().ifPresent(why -> {
            throw new IllegalStateException(why);
        });
        Path dir = Files.createTempDirectory("jph-router-bench");
        try (NetworkLab lab = new NetworkLab()) {
            String s = lab.namespace("s");
            String r = lab.namespace("r");
            String x = lab.namespace("x");
            lab.veth(s, "sa0", "10.92.1.1/24", r, "ra0", "10.92.1.2/24");
            lab.veth(r, "rb0", "10.92.2.1/24", x, "xb0", "10.92.2.2/24");
            Path config = dir.resolve("config.json");
            Files.writeString(config, "{\"Multicast\":{\"Control-Channel\":{\"Address\":\"" + CONTROL + "\",\"Port\":"
                    + CONTROL_PORT + "},\"Data-Channel\":{\"Address\":\"" + DATA + "\",\"Port\":" + DATA_PORT + "},"
                    + "\"TTL\":1},\"Sensors\":[{\"Codifier\":\"RB\",\"Type\":\"Router\",\"SensorInterval\":3600,"
                    + "\"Sensor\":{\"Links\":[{\"Name\":\"a\",\"Interface\":\"ra0\",\"Loopback\":false},"
                    + "{\"Name\":\"b\",\"Interface\":\"rb0\",\"Loopback\":false}]}}]}");
            lab.start(r, NetworkLab.java(RouterMain.class.getName(), allow("ra0,rb0"), "-c", "RB", "-u", config.toString()),
                    dir.resolve("router.log"));
            waitFor(dir.resolve("router.log"), "routing 2 links");
            System.out.printf("%10s %12s %14s %10s %16s %16s%n", "offered/s", "sent/s", "received/s", "loss %",
                    "router drops", "receiver drops");
            List<String> all = new ArrayList<>(List.of("warm-up:" + 50_000));
            all.addAll(List.of(rates));
            for (String rate : all) {
                boolean warmUp = rate.startsWith("warm-up:");
                long offered = warmUp ? 50_000 : rate.equals("max") ? 0 : Long.parseLong(rate);
                int duration = warmUp ? 3 : seconds;
                long routerDropsBefore = receiveBufferErrors(r);
                long receiverDropsBefore = receiveBufferErrors(x);
                Process receiver = lab.start(x, NetworkLab.java(RouterNamespaceThroughput.class.getName(), allow("xb0"),
                        "receive", "xb0", String.valueOf(duration + 3)), dir.resolve("receiver.log"));
                waitFor(dir.resolve("receiver.log"), "ready");
                Process sender = lab.start(s, NetworkLab.java(RouterNamespaceThroughput.class.getName(), allow("sa0"),
                        "send", "sa0", String.valueOf(offered), String.valueOf(duration)), dir.resolve("sender.log"));
                sender.waitFor();
                receiver.waitFor();
                long sent = last(dir.resolve("sender.log"), "sent ");
                long received = last(dir.resolve("receiver.log"), "received ");
                if (!warmUp) {
                    System.out.printf(Locale.ROOT, "%10s %12.0f %14.0f %10.3f %16d %16d%n", rate, sent / (double) duration,
                            received / (double) duration, 100.0 * (sent - received) / sent,
                            receiveBufferErrors(r) - routerDropsBefore, receiveBufferErrors(x) - receiverDropsBefore);
                }
            }
        }
    }

    // UDP datagrams the kernel dropped in a namespace because a socket's receive buffer was full.
    private static long receiveBufferErrors(String ns) throws Exception {
        Process cat = new ProcessBuilder("ip", "netns", "exec", ns, "cat", "/proc/net/snmp").start();
        List<String> udp = new String(cat.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines()
                .filter(line -> line.startsWith("Udp:")).toList();
        cat.waitFor();
        List<String> names = List.of(udp.get(0).split("\\s+"));
        return Long.parseLong(udp.get(1).split("\\s+")[names.indexOf("RcvbufErrors")]);
    }

    private static List<String> allow(String interfaces) {
        return List.of("-D" + InterfaceGuard.ALLOWED_INTERFACES_PROPERTY + "=" + interfaces,
                "-Dio.netty.leakDetection.level=disabled");
    }

    private static void waitFor(Path log, String text) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("no '" + text + "' in " + log + " after 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static long last(Path log, String prefix) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
            return reader.lines().filter(line -> line.startsWith(prefix)).mapToLong(line -> Long.parseLong(
                    line.substring(prefix.length()).trim())).reduce((a, b) -> b).orElseThrow(() ->
                    new IllegalStateException("no '" + prefix + "' line in " + log));
        }
    }

    private static void send(String iface, long rate, int seconds) throws Exception {
        try (PacedSender sender = new PacedSender(iface, 1, false)) {
            System.out.println("sent " + sender.send(new InetSocketAddress(InetAddress.getByName(DATA), DATA_PORT), rate, seconds));
        }
    }

    private static void receive(String iface, int seconds) throws Exception {
        TransportSettings settings = new TransportSettings(new InetSocketAddress(InetAddress.getByName(CONTROL), CONTROL_PORT),
                new InetSocketAddress(InetAddress.getByName(DATA), DATA_PORT), iface, 1, false,
                TransportSettings.DEFAULT_RECEIVE_BUFFER_BYTES, null);
        LongAdder received = new LongAdder();
        try (MulticastTransport transport = MulticastTransport.open("RX", settings, null,
                (channel, frame, sender) -> received.increment(), new BusCounters())) {
            System.out.println("ready");
            Thread.sleep(seconds * 1000L);
            System.out.println("received " + received.sum());
        }
    }
}
