package org.jphmesh.sensor.line;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.sensor.driver.DriverThread;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a line device open on a thread of its own: opens it, hands on what it reads, writes the queued lines and
 * the query when due, and when the device is gone (USB unplugged, connection lost) opens it again after 1 s,
 * doubling to a minute. One thread does all of it, so reads and writes never race on the port, and nothing the
 * device does can hold up the node's timer or its answers to pings.
 */
final class LineLink implements AutoCloseable, Runnable {

    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(1);
    // Commands come from people and rules, a few a minute; more than this waiting means the device is stuck.
    private static final int MAX_QUEUED = 16;

    private static final Logger LOG = LoggerFactory.getLogger(LineLink.class);

    /** What the link read, on the link's thread. */
    interface Receiver {
        void received(byte[] bytes, int count);

        /** The device was opened (again): a partial line from before belongs to no line now. */
        void opened();
    }

    private final Codifier self;
    private final LineTransport transport;
    private final Optional<byte[]> query;
    private final long queryNanos;
    private final Receiver receiver;
    private final BlockingQueue<byte[]> outgoing = new ArrayBlockingQueue<>(MAX_QUEUED);
    private final DriverThread thread;
    private volatile boolean open;
    private volatile String problem;

    LineLink(Codifier self, LineTransport transport, Optional<byte[]> query, Duration queryInterval, Receiver receiver) {
        this.self = self;
        this.transport = transport;
        this.query = query;
        this.queryNanos = queryInterval.toNanos();
        this.receiver = receiver;
        this.thread = new DriverThread(self, "line", this);
    }

    void start() {
        thread.start();
    }

    /** Queues a line (with its end) for the device; false when the queue is full or the device is not open. */
    boolean send(byte[] line) {
        return open && outgoing.offer(line);
    }

    boolean isOpen() {
        return open;
    }

    /** Why the device is not open, for the node's log; null while it is, and before the first try. */
    String problem() {
        return problem;
    }

    String describe() {
        return transport.describe();
    }

    /** The link's thread: not for callers. */
    @Override
    public void run() {
        Duration retry = FIRST_RETRY;
        while (!thread.closed()) {
            try (LinePort port = transport.open()) {
                LOG.info("{} - {} open", self, transport.describe());
                retry = FIRST_RETRY;
                problem = null;
                outgoing.clear();
                receiver.opened();
                open = true;
                serve(port);
                problem = transport.describe() + " closed by the device";
            } catch (IOException | RuntimeException e) {
                problem = transport.describe() + ": " + e.getMessage();
            } finally {
                open = false;
            }
            if (thread.closed()) {
                return;
            }
            LOG.warn("{} - {}; opening again in {} s", self, problem, retry.toSeconds());
            try {
                TimeUnit.NANOSECONDS.sleep(retry.toNanos());
            } catch (InterruptedException e) {
                return;
            }
            retry = retry.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : retry.multipliedBy(2);
        }
    }

    // Reads until the device is gone; between reads, writes what is queued and the query when due.
    private void serve(LinePort port) throws IOException {
        byte[] buffer = new byte[1024];
        long nextQuery = System.nanoTime();
        while (!thread.closed()) {
            if (query.isPresent() && System.nanoTime() - nextQuery >= 0) {
                port.write(query.get());
                nextQuery = System.nanoTime() + queryNanos;
            }
            for (byte[] line = outgoing.poll(); line != null; line = outgoing.poll()) {
                port.write(line);
            }
            int count = port.read(buffer);
            if (count < 0) {
                return;
            }
            if (count > 0) {
                receiver.received(buffer, count);
            }
        }
    }

    @Override
    public void close() {
        thread.close();
    }
}
