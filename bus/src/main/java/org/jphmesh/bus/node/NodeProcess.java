package org.jphmesh.bus.node;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jphmesh.bus.transport.NetworkNotReadyException;

/**
 * The life of a program's process around its nodes, and its exit codes: 0 a clean stop (SIGTERM, Ctrl-C),
 * 2 a usage or config error, 3 replaced by a newer instance of its codifier, 4 the network not ready yet.
 * The units restart 4 and leave 2 and 3 stopped ({@code RestartPreventExitStatus=2 3}).
 */
public final class NodeProcess {

    public static final int CONFIG_ERROR = 2;
    /** A node gave way to a newer instance of the same codifier. */
    public static final int REPLACED = 3;
    /** The interface is missing or no interface is up: at boot this passes, so the unit tries again. */
    public static final int NETWORK_NOT_READY = 4;

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
     * Waits until every node has stopped ({@link Node#whenStopped()}), closes the program with {@code close}, and
     * returns the exit code. A signal closes it too, once: whoever comes second waits for the first to finish,
     * and the process then ends with the code known by then (3 if a node had been replaced).
     */
    public static int await(List<CompletableFuture<StopReason>> stops, Runnable close, String signalThreadName) {
        Runnable closeOnce = once(close);
        AtomicInteger exitCode = new AtomicInteger(0);
        Thread onSignal = new Thread(() -> {
            try {
                closeOnce.run();
            } finally {
                Runtime.getRuntime().halt(exitCode.get());
            }
        }, signalThreadName);
        Runtime.getRuntime().addShutdownHook(onSignal);
        boolean replaced = false;
        for (CompletableFuture<StopReason> stop : stops) {
            replaced |= stop.join() == StopReason.DUPLICATE_INSTANCE;
        }
        exitCode.set(replaced ? REPLACED : 0);
        closeOnce.run();
        try {
            // Stopped on its own, not by a signal: the exit code is this one, not the hook's.
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            // A signal came meanwhile; the hook ends the process with the same code.
        }
        return exitCode.get();
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
