package org.jphmesh.sensor.driver;

import org.jphmesh.bus.frame.Frame;

/**
 * Reads one kind of sensor. Made per node from its config entry by a {@link DriverFactory}, which
 * validates the entry and checks the hardware, so a node that starts can read.
 *
 * <p>{@link #read()} runs on the node's timer under a deadline: it may throw or block, and the node
 * still answers pings; the {@link DriverRunner} counts, logs and backs off.
 */
public interface Driver extends AutoCloseable {

    /** Reads the sensor once. Throwing counts as a failed read. */
    ReadResult read() throws Exception;

    /** Called once before the first read, for drivers that also report on their own (inputs, subscriptions). */
    default void start(DriverContext context) {
    }

    /**
     * Every frame heard from another node, on either bus, on the receive thread: for drivers that watch the mesh
     * (alerts). Must return at once: note the frame and hand the work to a thread of the driver's own.
     */
    default void onFrame(Frame frame) {
    }

    /** A command addressed to the node ({@code A}/{@code E} only when control is enabled). */
    default void onControl(Frame frame) {
    }

    @Override
    default void close() {
    }
}
