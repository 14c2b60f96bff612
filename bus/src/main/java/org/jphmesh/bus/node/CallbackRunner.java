package org.jphmesh.bus.node;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.bus.metrics.BusMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a node's callbacks one at a time on their own thread, away from the I/O thread.
 *
 * <p>The queue is bounded: when a callback stalls and the bus keeps talking, new work is dropped and
 * counted rather than growing the heap until the node dies. Timer ticks never queue behind one another:
 * a tick that finds the previous one still waiting is skipped and counted.
 */
final class CallbackRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackRunner.class);
    static final int QUEUE_CAPACITY = 10_000;

    private final String owner;
    private final BusMetrics metrics;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);
    private final ThreadPoolExecutor executor;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean tickPending = new AtomicBoolean();

    CallbackRunner(String owner, BusMetrics metrics) {
        this.owner = owner;
        this.metrics = metrics;
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY),
                new DefaultThreadFactory("jph-" + owner + "-callbacks", true), new ThreadPoolExecutor.AbortPolicy());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jph-" + owner + "-timer", true));
    }

    /** Queues a callback; a full queue drops it, counts {@code <name>-queue-full} and returns false. */
    boolean submit(String name, Runnable callback) {
        try {
            executor.execute(() -> runGuarded(name, callback));
            return true;
        } catch (RejectedExecutionException e) {
            if (!executor.isShutdown()) {
                metrics.dropped(name + "-queue-full");
                rateLimited.warn("drop-" + name, "{} - callback queue full, dropped a {} callback", owner, name);
            }
            return false;
        }
    }

    /** Calls {@code tick} every {@code interval}, the first time at once. */
    ScheduledFuture<?> scheduleTimer(Duration interval, Runnable tick) {
        return scheduler.scheduleAtFixedRate(() -> {
            if (!tickPending.compareAndSet(false, true)) {
                metrics.dropped("timer-skipped");
                rateLimited.warn("skip", "{} - timer callback still busy, skipped a tick", owner);
                return;
            }
            boolean queued = submit("timer", () -> {
                try {
                    tick.run();
                } finally {
                    tickPending.set(false);
                }
            });
            if (!queued) {
                tickPending.set(false);
            }
        }, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Runs work on the timer thread, for short node housekeeping such as reloads. */
    void schedule(Runnable work) {
        scheduler.execute(() -> runGuarded("housekeeping", work));
    }

    private void runGuarded(String name, Runnable callback) {
        try {
            callback.run();
        } catch (Throwable e) {
            metrics.callbackFailed(name);
            rateLimited.warn("fail-" + name, "{} - {} callback failed: {}", owner, name, e.toString());
            LOG.debug("{} - {} callback failure", owner, name, e);
        }
    }

    /** Stops the timer and waits up to a second for a running callback, unless called from one. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        executor.shutdown();
        String current = Thread.currentThread().getName();
        if (!current.startsWith("jph-" + owner + "-callbacks-") && !current.startsWith("jph-" + owner + "-timer-")) {
            try {
                if (!executor.awaitTermination(1, TimeUnit.SECONDS)) {
                    LOG.warn("{} - a callback is still running after 1 s; interrupting it", owner);
                    executor.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                executor.shutdownNow();
            }
        } else {
            executor.shutdownNow();
        }
    }
}
