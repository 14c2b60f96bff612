package org.jphmesh.bus.node;

import java.util.List;
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

    /** Waits until every node has stopped, closes the program with {@code close}, and returns the exit code. */
    public static int await(List<Node> nodes, Runnable close, String signalThreadName) {
        Thread onSignal = new Thread(() -> {
            close.run();
            Runtime.getRuntime().halt(0);
        }, signalThreadName);
        Runtime.getRuntime().addShutdownHook(onSignal);
        boolean replaced = false;
        for (Node node : nodes) {
            replaced |= node.whenStopped().join() == StopReason.DUPLICATE_INSTANCE;
        }
        close.run();
        try {
            // Stopped on its own, not by a signal: the exit code is the caller's, not the hook's 0.
            Runtime.getRuntime().removeShutdownHook(onSignal);
        } catch (IllegalStateException shuttingDown) {
            return 0;
        }
        return replaced ? REPLACED : 0;
    }
}
