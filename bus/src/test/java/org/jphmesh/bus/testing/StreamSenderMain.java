package org.jphmesh.bus.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;

/**
 * A sensor node as its own process, for tests that put it somewhere the test JVM is not (a network
 * namespace): {@code StreamSenderMain <config> <codifier> <readings> <per second> <linger seconds>} sends the
 * readings 0, 1, 2, ... as integers at that rate, then stays up answering pings and resend requests for the
 * linger time, and exits. It prints {@code sent <n>} when done sending and its repair counts at the end, and
 * stops early when its standard input closes (the test ended).
 */
public final class StreamSenderMain {

    private StreamSenderMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: StreamSenderMain <config> <codifier> <readings> <per second> <linger seconds>");
            System.exit(2);
        }
        Codifier self = Codifier.of(args[1]);
        int readings = Integer.parseInt(args[2]);
        double perSecond = Double.parseDouble(args[3]);
        Duration linger = Duration.ofSeconds(Long.parseLong(args[4]));
        Thread watchdog = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // The test holds our standard input open; end of input means it is gone.
                }
            } catch (java.io.IOException e) {
                // Same meaning: nobody is listening any more.
            }
            Runtime.getRuntime().halt(3);
        }, "stdin-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try (Node node = Node.start(NodeOptions.of(self, args[0]), new NodeCallbacks() {
        })) {
            long start = System.nanoTime();
            long step = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
            for (int i = 0; i < readings; i++) {
                long due = start + i * step;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                node.sendData(self, (long) i);
            }
            System.out.println("sent " + readings);
            System.out.flush();
            Thread.sleep(linger.toMillis());
            System.out.println("resend-requests " + node.counters().repairCount("resend-requests")
                    + " resent " + node.counters().repairCount("resent")
                    + " resend-unavailable " + node.counters().repairCount("resend-unavailable"));
            System.out.flush();
        }
        System.exit(0);
    }
}
