package org.jphmesh.app.launch;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.StopReason;
import org.jphmesh.bus.transport.NetworkNotReadyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of a program's process around its nodes, and its exit codes: 0 a clean stop (SIGTERM, Ctrl-C),
 * 1 the program could not go on ({@link StopReason#FAILED}: a worker stopped by an {@code Error}), 2 a usage or
 * config error, 3 replaced by a newer instance of its codifier, 4 the network not ready yet. The units restart 1
 * and 4 and leave 2 and 3 stopped ({@code RestartPreventExitStatus=2 3}).
 *
 * <p>SIGTERM and Ctrl-C are taken as signals ({@link StopSignals}), not in a shutdown hook: the program closes
 * on the main thread and returns its exit code, and {@code System.exit} then runs every shutdown hook (log
 * flushing, Pi4J's). A hook that called {@code Runtime.halt} to set the code would skip them. A close that
 * hangs still ends the process: a daemon watchdog halts it once {@link #CLOSE_GRACE} has passed, before
 * systemd's {@code TimeoutStopSec} would kill it without a word.
 */
public final class NodeProcess {

    private static final Logger LOG = LoggerFactory.getLogger(NodeProcess.class);

    /** A node stopped because its program could not go on ({@link StopReason#FAILED}). */
    public static final int FAILED = 1;
    public static final int CONFIG_ERROR = 2;
    /** A node gave way to a newer instance of the same codifier. */
    public static final int REPLACED = 3;
    /** The interface is missing or no interface is up: at boot this passes, so the unit tries again. */
    public static final int NETWORK_NOT_READY = 4;
    /** How long closing may take once a stop is asked for; under the units' {@code TimeoutStopSec=5}. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(4);

    private NodeProcess() {
    }

    /** The exit code for a failure to start: {@link #NETWORK_NOT_READY} or {@link #CONFIG_ERROR}. */
    public static int exitCodeOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NetworkNotReadyException) {
                return NETWORK_NOT_READY;
            }
        }
        return CONFIG_ERROR;
    }

    /**
     * Waits until every node has stopped ({@link Node#whenStopped()}) or SIGTERM or Ctrl-C arrives, closes the
     * program with {@code close} once, and returns the exit code (3 if a node had been replaced by then).
     */
    public static int await(List<CompletableFuture<StopReason>> stops, Runnable close, String threadName) {
        CompletableFuture<String> signalled = new CompletableFuture<>();
        StopSignals signals = StopSignals.install(signalled::complete);
        try {
            return await(stops, signalled, close, threadName, CLOSE_GRACE, Runtime.getRuntime()::halt);
        } finally {
            signals.restore();
        }
    }

    /** {@link #await(List, Runnable, String)} with the signal, the grace and the halt given, for tests. */
    static int await(List<CompletableFuture<StopReason>> stops, CompletableFuture<?> signalled, Runnable close,
                     String threadName, Duration grace, IntConsumer halt) {
        Runnable closeOnce = once(close);
        // Any other end of the JVM (System.exit elsewhere, SIGHUP) still closes the program, and halts nothing itself.
        Thread hook = new Thread(() -> closeWatched(closeOnce, 0, threadName, grace, halt), threadName);
        Runtime.getRuntime().addShutdownHook(hook);
        CompletableFuture.anyOf(CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)), signalled).join();
        boolean failed = stops.stream().anyMatch(stop -> stop.isDone() && stop.join() == StopReason.FAILED);
        boolean replaced = stops.stream().anyMatch(stop -> stop.isDone() && stop.join() == StopReason.DUPLICATE_INSTANCE);
        int exitCode = failed ? FAILED : replaced ? REPLACED : 0;
        closeWatched(closeOnce, exitCode, threadName, grace, halt);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is already ending; the hook finds the program closed.
        }
        return exitCode;
    }

    // The watchdog is a daemon: when closing ends in time it finds the latch open and leaves without a word.
    private static void closeWatched(Runnable closeOnce, int exitCode, String threadName, Duration grace, IntConsumer halt) {
        CountDownLatch closed = new CountDownLatch(1);
        Thread watchdog = new Thread(() -> {
            try {
                if (!closed.await(grace.toNanos(), TimeUnit.NANOSECONDS)) {
                    LOG.error("closing did not end within {} ms; ending the process with exit code {}", grace.toMillis(),
                            exitCode);
                    halt.accept(exitCode);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, threadName + "-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
        try {
            closeOnce.run();
        } finally {
            closed.countDown();
        }
    }

    private static Runnable once(Runnable action) {
        AtomicBoolean started = new AtomicBoolean();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        return () -> {
            if (started.compareAndSet(false, true)) {
                try {
                    action.run();
                } finally {
                    finished.complete(null);
                }
            } else {
                finished.join();
            }
        };
    }
}
