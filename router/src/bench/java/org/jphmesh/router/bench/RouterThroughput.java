package org.jphmesh.router.bench;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.metrics.BusCounters;
import org.jphmesh.bus.transport.MulticastTransport;
import org.jphmesh.bus.transport.TransportSettings;
import org.jphmesh.router.Router;
import org.jphmesh.router.link.Link;
import org.jphmesh.router.link.LinkCounters.Count;

/**
 * Frames/s a router forwards between two segments on {@code lo} (TTL 0): a plain NIO sender paces pre-encoded
 * 32-byte {@code f} datagrams (new sequence each) onto segment A; the router forwards them to segment B, where
 * a {@link MulticastTransport} (codec, route trailer stripped) counts them. The router also hears its own sends
 * on B and drops them as echoes, as it does in production.
 * Run: {@code mvn -pl router -Pbench test-compile exec:exec [-Dseconds=10] [-Drate="100000 200000 max"]}.
 */
public final class RouterThroughput {

    private static final String A_CONTROL = "239.255.72.1";
    private static final String A_DATA = "239.255.72.2";
    private static final String B_CONTROL = "239.255.72.3";
    private static final String B_DATA = "239.255.72.4";

    private RouterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        String[] rates = args.length > 1 ? args[1].split(" ") : new String[] {"max"};
        MeshConfig config = ConfigLoader.parse("{\"Multicast\":{\"Control-Channel\":{\"Address\":\"" + A_CONTROL
                + "\",\"Port\":27201},\"Data-Channel\":{\"Address\":\"" + A_DATA + "\",\"Port\":27202},\"Interface\":\"lo\","
                + "\"TTL\":0},\"Sensors\":[{\"Codifier\":\"RB\",\"Type\":\"Router\",\"SensorInterval\":3600,\"Sensor\":{"
                + "\"Links\":[{\"Name\":\"a\",\"Interface\":\"lo\"},{\"Name\":\"b\",\"Interface\":\"lo\","
                + "\"Control-Channel\":{\"Address\":\"" + B_CONTROL + "\",\"Port\":27203},"
                + "\"Data-Channel\":{\"Address\":\"" + B_DATA + "\",\"Port\":27204}}]}}]}", "bench");
        InetSocketAddress segmentA = new InetSocketAddress(InetAddress.getByName(A_DATA), 27202);
        TransportSettings segmentB = new TransportSettings(new InetSocketAddress(InetAddress.getByName(B_CONTROL), 27203),
                new InetSocketAddress(InetAddress.getByName(B_DATA), 27204), "lo", 0, true,
                TransportSettings.DEFAULT_RECEIVE_BUFFER_BYTES, null);
        LongAdder received = new LongAdder();
        try (Router router = Router.start(Codifier.of("RB"), "bench", config);
             MulticastTransport receiver = MulticastTransport.open("RX", segmentB, null,
                     (channel, frame, sender) -> received.increment(), new BusCounters());
             PacedSender sender = new PacedSender("lo", 0, true)) {
            Link out = router.links().get(1);
            Link in = router.links().get(0);
            System.out.printf("%10s %12s %14s %14s %10s %10s%n", "offered/s", "sent/s", "forwarded/s", "received/s",
                    "loss %", "echoes/s");
            for (String rateText : rates) {
                long rate = rateText.equals("max") ? 0 : Long.parseLong(rateText);
                sender.send(segmentA, rate, 1); // warm-up
                Thread.sleep(300);
                long forwardedBefore = out.counters().get(Count.forwarded);
                long echoesBefore = out.counters().get(Count.echoes);
                long receivedBefore = received.sum();
                long start = System.nanoTime();
                long sent = sender.send(segmentA, rate, seconds);
                Thread.sleep(300);
                double elapsed = (System.nanoTime() - start) / 1e9 - 0.3;
                long forwarded = out.counters().get(Count.forwarded) - forwardedBefore;
                long got = received.sum() - receivedBefore;
                System.out.printf(Locale.ROOT, "%10s %12.0f %14.0f %14.0f %10.3f %10.0f%n", rateText, sent / elapsed,
                        forwarded / elapsed, got / elapsed, 100.0 * (sent - got) / sent,
                        (out.counters().get(Count.echoes) - echoesBefore) / elapsed);
            }
            System.out.printf("segment a: malformed %d, duplicates %d; segment b: send failures %d%n",
                    in.counters().get(Count.malformed), in.counters().get(Count.duplicates),
                    out.counters().get(Count.send_failed));
        }
    }
}
