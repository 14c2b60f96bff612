package org.jphmesh.web.health;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dependency's line on {@code /health}, checked live but never holding a request up for longer than
 * {@code timeout}: the check runs on the probe's own thread, and a check that has not answered within the
 * budget makes the dependency {@code down}. The answer is kept for {@code fresh}, so a busy monitoring system
 * costs the dependency one check per {@code fresh}, and at most one check runs at a time: a dependency that
 * hangs costs one thread, not one per request.
 *
 * <p>The clock (injected, so tests move time) decides freshness and a check's age; waiting uses real time.
 */
public final class HealthProbe implements AutoCloseable {

    /** One look at the dependency: true when it answered as it should; false or an exception when not. */
    @FunctionalInterface
    public interface Check {
        boolean up() throws Exception;
    }

    public static final String UP = "up";
    public static final String DOWN = "down";
    /** About the budget the issue asked for: long enough for a loaded Pi on a LAN, short enough for a request. */
    public static final Duration TIMEOUT = Duration.ofMillis(500);
    public static final Duration FRESH = Duration.ofMillis(1_500);

    private static final Logger LOG = LoggerFactory.getLogger(HealthProbe.class);

    private final String name;
    private final Check check;
    private final Clock clock;
    private final long timeoutMillis;
    private final long freshMillis;
    private final ExecutorService runner;
    private CompletableFuture<Boolean> inFlight;
    private long startedAt;
    private Boolean answer;
    private long answeredAt;

    public HealthProbe(String name, Check check, Clock clock, Duration timeout, Duration fresh) {
        if (timeout.isNegative() || timeout.isZero() || fresh.isNegative()) {
            throw new IllegalArgumentException("timeout must be > 0 and fresh >= 0, not " + timeout + " and " + fresh);
        }
        this.name = name;
        this.check = check;
        this.clock = clock;
        this.timeoutMillis = timeout.toMillis();
        this.freshMillis = fresh.toMillis();
        this.runner = Executors.newSingleThreadExecutor(new DefaultThreadFactory("jph-health-" + name, true));
    }

    /** Starts a check when the kept answer is stale, without waiting for it: several probes then wait together. */
    public void refresh() {
        pending();
    }

    /** {@code up} or {@code down}: the kept answer while fresh, otherwise the check's, waiting at most the timeout. */
    public String state() {
        CompletableFuture<Boolean> pending;
        long waitMillis;
        synchronized (this) {
            long now = clock.millis();
            if (fresh(now)) {
                return word(answer);
            }
            pending = pending();
            waitMillis = timeoutMillis - Math.max(0, now - startedAt);
        }
        if (pending == null || waitMillis <= 0) {
            // Still busy with a check older than the budget: that dependency is too slow to count as up.
            return DOWN;
        }
        try {
            return word(pending.get(waitMillis, TimeUnit.MILLISECONDS));
        } catch (TimeoutException | ExecutionException e) {
            return DOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return DOWN;
        }
    }

    /** Whether a check is running now. */
    synchronized boolean checking() {
        return inFlight != null;
    }

    private synchronized CompletableFuture<Boolean> pending() {
        long now = clock.millis();
        if (inFlight == null && !fresh(now)) {
            startedAt = now;
            try {
                inFlight = CompletableFuture.supplyAsync(this::run, runner);
            } catch (RejectedExecutionException e) {
                // Closed: nothing is checked any more.
                return null;
            }
        }
        return inFlight;
    }

    private boolean fresh(long now) {
        return answer != null && now >= answeredAt && now - answeredAt < freshMillis;
    }

    private boolean run() {
        boolean up;
        try {
            up = check.up();
        } catch (Exception e) {
            LOG.debug("health of {}: {}", name, e.toString());
            up = false;
        }
        synchronized (this) {
            long now = clock.millis();
            // An answer later than the budget is what the requests meanwhile said: down.
            answer = up && now - startedAt <= timeoutMillis;
            answeredAt = now;
            inFlight = null;
            return answer;
        }
    }

    private static String word(boolean up) {
        return up ? UP : DOWN;
    }

    @Override
    public void close() {
        runner.shutdownNow();
    }
}
