package org.jphmesh.sensor.driver;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jphmesh.bus.frame.Codifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a driver's {@link Driver#read()} so that nothing it does can stop the node: every read has a
 * deadline, a read that throws or times out is a failed read, and consecutive failures back off
 * exponentially (one interval, two, four, ... up to {@link #MAX_BACK_OFF}). A read that never returns
 * leaves its thread behind and the next read gets a fresh one; after {@link #MAX_ABANDONED} such threads
 * the driver is declared stuck and no longer called, and the node keeps answering. Back-off and log pacing
 * follow {@code ticker}, so a test moves time instead of waiting for it.
 */
public final class DriverRunner implements AutoCloseable {

    static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);
    static final int MAX_ABANDONED = 3;

    private static final Logger LOG = LoggerFactory.getLogger(DriverRunner.class);
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Codifier self;
    private final Driver driver;
    private final Duration deadline;
    private final Duration interval;
    private final Ticker ticker;
    private ExecutorService reader;
    private int consecutiveFailures;
    private long nextReadNanos;
    private int abandoned;
    private boolean problemLogged;
    private long lastProblemLogNanos;
    private long suppressedProblems;

    private final AtomicLong good = new AtomicLong();
    private final AtomicLong withErrors = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    /** {@code ticker}: the time back-off and log pacing are measured in ({@link Ticker#systemTicker()} in a node). */
    public DriverRunner(Codifier self, Driver driver, Duration deadline, Duration interval, Ticker ticker) {
        this.self = self;
        this.driver = driver;
        this.deadline = deadline;
        this.interval = interval;
        this.ticker = ticker;
        this.reader = newReader();
    }

    /** One read under the deadline and the back-off; a skipped read is {@link ReadResult#none()}. */
    public synchronized ReadResult read() {
        long now = ticker.nanoTime();
        if (abandoned >= MAX_ABANDONED) {
            skipped.incrementAndGet();
            problem("driver is stuck: " + abandoned + " reads never returned; restart the node after fixing the sensor");
            return ReadResult.none();
        }
        if (now < nextReadNanos) {
            skipped.incrementAndGet();
            return ReadResult.none();
        }
        ReadResult result = callWithDeadline();
        switch (result.status()) {
            case GOOD, REPORTED -> succeeded(good);
            case NO_READING -> consecutiveFailures = 0;
            case WITH_ERRORS -> {
                succeeded(withErrors);
                problem("read with errors: " + result.problem());
            }
            case FAILED -> failedRead(result.problem());
        }
        return result;
    }

    private ReadResult callWithDeadline() {
        Future<ReadResult> pending = reader.submit(driver::read);
        try {
            ReadResult result = pending.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
            return result == null ? ReadResult.none() : result;
        } catch (TimeoutException e) {
            pending.cancel(true);
            timeouts.incrementAndGet();
            // The thread may never come back; the next read must not queue behind it.
            reader.shutdownNow();
            reader = newReader();
            abandoned++;
            return ReadResult.failed("read did not finish within " + deadline.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return ReadResult.failed(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            return ReadResult.failed("interrupted");
        }
    }

    private void succeeded(AtomicLong counter) {
        counter.incrementAndGet();
        if (consecutiveFailures > 0) {
            LOG.info("{} - reading again after {} failed reads", self, consecutiveFailures);
        }
        consecutiveFailures = 0;
        abandoned = 0;
        nextReadNanos = 0;
    }

    private void failedRead(String problem) {
        failed.incrementAndGet();
        consecutiveFailures++;
        long backOff = Math.min(interval.toNanos() * (1L << Math.min(consecutiveFailures - 1, 20)), MAX_BACK_OFF.toNanos());
        // Reads come on the interval's ticks: half an interval early still waits for the tick the back-off names.
        nextReadNanos = ticker.nanoTime() + backOff - interval.toNanos() / 2;
        problem("read failed (" + consecutiveFailures + " in a row, next try in "
                + Duration.ofNanos(backOff).toMillis() + " ms): " + problem);
    }

    // At most one line a minute, with how many were held back.
    private void problem(String message) {
        long now = ticker.nanoTime();
        if (problemLogged && now - lastProblemLogNanos < LOG_EVERY_NANOS) {
            suppressedProblems++;
            return;
        }
        problemLogged = true;
        lastProblemLogNanos = now;
        if (suppressedProblems > 0) {
            LOG.warn("{} - {} ({} more problems since the last report)", self, message, suppressedProblems);
        } else {
            LOG.warn("{} - {}", self, message);
        }
        suppressedProblems = 0;
    }

    public long goodReads() {
        return good.get();
    }

    public long readsWithErrors() {
        return withErrors.get();
    }

    public long failedReads() {
        return failed.get();
    }

    public long timeouts() {
        return timeouts.get();
    }

    public long skippedReads() {
        return skipped.get();
    }

    public Driver driver() {
        return driver;
    }

    private ExecutorService newReader() {
        return Executors.newSingleThreadExecutor(new DefaultThreadFactory("jph-" + self + "-read", true));
    }

    /** Stops reading and closes the driver. */
    @Override
    public synchronized void close() {
        reader.shutdownNow();
        driver.close();
    }
}
