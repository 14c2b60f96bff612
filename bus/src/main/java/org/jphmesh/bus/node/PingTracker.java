package org.jphmesh.bus.node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;

/**
 * Matches pongs to pings. A pong echoes the ping's time component, so each ping carries a distinct one:
 * the send time in epoch milliseconds plus a counter in the fraction that starts at a random point, so
 * two consoles pinging in the same millisecond still differ. A unicast ping only accepts its target's pong.
 */
final class PingTracker {

    private record Pending(Codifier target, long sentNanos, List<PingReply> replies,
                           CompletableFuture<List<PingReply>> done) {
    }

    private final Map<Double, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong(ThreadLocalRandom.current().nextLong(1_000_000));

    /** Registers a ping and returns the time component to send with it. */
    double register(Codifier target, long nowMillis, CompletableFuture<List<PingReply>> done) {
        double timeComponent = nowMillis + (counter.incrementAndGet() % 1000) / 1000.0;
        pending.put(timeComponent, new Pending(target, System.nanoTime(), new ArrayList<>(), done));
        return timeComponent;
    }

    /** Records a pong; a unicast ping completes at its target's reply, a broadcast one at its timeout. */
    void onPong(Frame pong) {
        double timeComponent = pong.control().timeComponent();
        Pending ping = pending.get(timeComponent);
        if (ping == null || (!ping.target().isBroadcast() && !ping.target().equals(pong.from()))) {
            return;
        }
        PingReply reply = new PingReply(pong.from(), Duration.ofNanos(System.nanoTime() - ping.sentNanos()),
                pong.control().active(), pong.sequence());
        synchronized (ping.replies()) {
            ping.replies().add(reply);
        }
        if (!ping.target().isBroadcast()) {
            finish(timeComponent);
        }
    }

    /** Completes the ping with whatever replies arrived. */
    void finish(double timeComponent) {
        Pending ping = pending.remove(timeComponent);
        if (ping != null) {
            synchronized (ping.replies()) {
                ping.done().complete(List.copyOf(ping.replies()));
            }
        }
    }

    void cancelAll() {
        pending.keySet().forEach(this::finish);
    }
}
