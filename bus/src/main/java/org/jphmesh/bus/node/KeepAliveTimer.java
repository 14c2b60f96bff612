package org.jphmesh.bus.node;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends {@code I} every keep-alive interval unless {@link #activity()} postponed it: a good read does, as in the
 * legacy nodes, so a sensor that reads well more often than its interval sends no {@code I} at all. At a start
 * (and a reload) an {@code I} is due at once, as the legacy loop had it: the first check comes
 * {@link #FIRST_CHECK} later, time for the first read to postpone it. Runs on the node's I/O thread;
 * {@link #activity()} is safe from any thread.
 */
final class KeepAliveTimer {

    static final Duration FIRST_CHECK = Duration.ofMillis(500);

    private final EventLoop loop;
    private final Supplier<Duration> interval;
    private final Runnable sendAlive;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile ScheduledFuture<?> next;
    private volatile boolean stopped;

    KeepAliveTimer(EventLoop loop, Supplier<Duration> interval, Runnable sendAlive) {
        this.loop = loop;
        this.interval = interval;
        this.sendAlive = sendAlive;
    }

    void start() {
        schedule(Math.min(interval.get().toNanos(), FIRST_CHECK.toNanos()));
    }

    /** A start or reload was announced: an {@code I} is due now, unless a good read postpones it. */
    void due() {
        lastActivityNanos = System.nanoTime() - interval.get().toNanos();
    }

    /** Something was sent that tells the mesh this node lives. */
    void activity() {
        lastActivityNanos = System.nanoTime();
    }

    /** The interval changed (after a reload): count from now with the new one. */
    void restart() {
        // On the loop, like tick(), so a running tick cannot reschedule a second chain.
        loop.execute(() -> {
            cancelNext();
            start();
        });
    }

    void stop() {
        stopped = true;
        if (loop.inEventLoop()) {
            cancelNext();
        } else if (!loop.isShuttingDown()) {
            loop.execute(this::cancelNext);
        }
    }

    private void cancelNext() {
        ScheduledFuture<?> current = next;
        if (current != null) {
            current.cancel(false);
        }
    }

    private void schedule(long delayNanos) {
        if (!stopped && !loop.isShuttingDown()) {
            next = loop.schedule(this::tick, delayNanos, TimeUnit.NANOSECONDS);
        }
    }

    private void tick() {
        long intervalNanos = interval.get().toNanos();
        long silent = System.nanoTime() - lastActivityNanos;
        if (silent >= intervalNanos) {
            sendAlive.run();
            activity();
            schedule(intervalNanos);
        } else {
            schedule(intervalNanos - silent);
        }
    }
}
