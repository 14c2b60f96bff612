package org.jphmesh.bus.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.metrics.BusCounters;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.transport.MulticastTransport;
import org.jphmesh.bus.transport.TransportSettings;

/**
 * One sender, one receiver on {@code lo} (TTL 0): frames/s received and loss at several offered rates.
 * The receiver is the project's {@link MulticastTransport} (Netty NIO + codec + counting listener); the
 * sender is a plain NIO channel pacing pre-encoded datagrams, so the sender is never the bottleneck.
 * With {@code node} as the first argument the receiver is a whole {@link Node}: transport, codec,
 * sequence accounting of every frame and the {@code onFrame} tap a collector uses.
 * Run: {@code mvn -pl bus -Pbench test-compile exec:exec -Dbench=loopback} (or {@code -Dbench="loopback node"}).
 */
public final class LoopbackThroughput {

    private static final int SECONDS_PER_RATE = 3;

    private LoopbackThroughput() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress control = new InetSocketAddress(InetAddress.getByName("239.255.71.1"), 27101);
        InetSocketAddress data = new InetSocketAddress(InetAddress.getByName("239.255.71.2"), 27102);
        TransportSettings settings = new TransportSettings(control, data, "lo", 0, true,
                TransportSettings.DEFAULT_RECEIVE_BUFFER_BYTES, null);
        LongAdder received = new LongAdder();
        BusCounters counters = new BusCounters();
        boolean wholeNode = args.length > 0 && args[0].equals("node");
        String[] rateArgs = wholeNode ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        System.out.printf("receiver: %s%n", wholeNode ? "Node (transport + codec + accounting + onFrame)"
                : "MulticastTransport (transport + codec)");
        System.out.printf("%12s %14s %14s %10s%n", "offered/s", "sent/s", "received/s", "loss %");
        try (AutoCloseable receiver = wholeNode ? node(received) : MulticastTransport.open("BR", settings, null,
                (channel, frame, sender) -> received.increment(), counters);
             DatagramChannel sender = openSender()) {
            ByteBuffer datagram = encodedReading();
            long[] rates = rateArgs.length > 0 ? parse(rateArgs) : new long[] {50_000, 100_000, 200_000, 300_000, 400_000, 0};
            for (long rate : rates) {
                run(sender, datagram, data, rate, 1); // warm-up
                Thread.sleep(300); // and let it drain before counting
                long before = received.sum();
                long start = System.nanoTime();
                long sent = run(sender, datagram, data, rate, SECONDS_PER_RATE);
                Thread.sleep(200); // let the receiver drain its socket buffer
                long got = received.sum() - before;
                double elapsed = (System.nanoTime() - start) / 1e9 - 0.2;
                System.out.printf(Locale.ROOT, "%12s %14.0f %14.0f %10.3f%n", rate == 0 ? "max" : rate,
                        sent / elapsed, got / elapsed, 100.0 * (sent - got) / sent);
            }
            if (receiver instanceof Node node) {
                node.accounting().stats(Codifier.of("BS"), BusChannel.DATA).ifPresent(stats -> System.out.printf(
                        "accounting: received %d, lost %d, duplicated %d%n", stats.received(), stats.lost(),
                        stats.duplicated()));
                System.out.printf("malformed: %d (expected 0)%n", node.counters().malformedTotal());
            } else {
                System.out.printf("malformed: %d (expected 0)%n", counters.malformedCount(BusChannel.DATA));
            }
        }
    }

    private static long run(DatagramChannel sender, ByteBuffer datagram, InetSocketAddress to, long rate, int seconds)
            throws Exception {
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        long sent = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                return sent;
            }
            long due = rate == 0 ? sent + 64 : (now - start) * rate / 1_000_000_000L;
            while (sent < due) {
                datagram.putInt(0, datagram.getInt(0) + 1);
                datagram.rewind();
                sender.send(datagram, to);
                sent++;
            }
        }
    }

    private static DatagramChannel openSender() throws Exception {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
        channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
        channel.setOption(StandardSocketOptions.IP_MULTICAST_LOOP, true);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 * 1024 * 1024);
        return channel;
    }

    private static ByteBuffer encodedReading() {
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer();
        FrameCodec.encode(Frame.data(1, System.currentTimeMillis(), Codifier.of("BS"), new FloatReading(21.5f)), buf);
        ByteBuffer bytes = ByteBuffer.allocateDirect(buf.readableBytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.put(buf.nioBuffer()).flip();
        buf.release();
        return bytes;
    }

    private static Node node(LongAdder received) {
        MeshConfig config = ConfigLoader.parse("{\"Multicast\":{\"Control-Channel\":{\"Address\":\"239.255.71.1\","
                + "\"Port\":27101},\"Data-Channel\":{\"Address\":\"239.255.71.2\",\"Port\":27102},"
                + "\"Interface\":\"lo\",\"TTL\":0},\"Sensors\":[{\"Codifier\":\"BR\",\"Type\":\"Collector\"}]}", "bench");
        return Node.start(NodeOptions.of(Codifier.of("BR"), "bench").withConfig(config), new NodeCallbacks() {
            @Override
            public void onFrame(Node node, Frame frame, java.net.InetSocketAddress sender) {
                received.increment();
            }
        });
    }

    private static long[] parse(String[] args) {
        long[] rates = new long[args.length];
        for (int i = 0; i < args.length; i++) {
            rates[i] = args[i].equals("max") ? 0 : Long.parseLong(args[i]);
        }
        return rates;
    }
}
