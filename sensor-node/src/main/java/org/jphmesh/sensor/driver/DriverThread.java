package org.jphmesh.sensor.driver;

import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.frame.Codifier;

/**
 * A driver's own daemon thread, for work that waits on a device or a folder in short waits: closing it asks the work
 * to stop ({@link #closed()}), interrupts the wait and gives it two seconds to finish.
 */
public final class DriverThread implements AutoCloseable {

    private final Thread thread;
    private volatile boolean closed;

    /** Named {@code jph-<self>-<job>} in thread dumps. */
    public DriverThread(Codifier self, String job, Runnable work) {
        this.thread = new Thread(work, "jph-" + self + "-" + job);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Whether the work should stop. */
    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
