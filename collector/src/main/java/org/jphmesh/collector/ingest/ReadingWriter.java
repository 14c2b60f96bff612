package org.jphmesh.collector.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jphmesh.bus.transport.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes rows from the I/O thread without ever blocking it and writes them to the store in batches from
 * one thread: as many as have arrived, up to {@code maxBatch}, as soon as one is there. A batch the store
 * refuses is kept and written again, with back-off, until it is in; the store's idempotence makes the
 * retry safe. Rows that find the queue full are counted as {@link #overflowed()}.
 */
public final class ReadingWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingWriter.class);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

    private final ReadingStore store;
    private final BlockingQueue<ReadingRow> queue;
    private final int maxBatch;
    private final Thread thread;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 30_000);
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong repeated = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong overflowed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong offered = new AtomicLong();
    private volatile boolean running = true;

    public ReadingWriter(String owner, ReadingStore store, int capacity, int maxBatch) {
        this.store = store;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, "jph-" + owner + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Queues a row; never blocks. */
    public boolean offer(ReadingRow row) {
        if (queue.offer(row)) {
            offered.incrementAndGet();
            return true;
        }
        overflowed.incrementAndGet();
        rateLimited.warn("full", "queue of {} rows full: the database cannot keep up, rows are being lost",
                queue.size());
        return false;
    }

    private void run() {
        List<ReadingRow> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                ReadingRow first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                writeUntilStored(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void writeUntilStored(List<ReadingRow> batch) throws InterruptedException {
        long backOff = 250;
        while (true) {
            try {
                int inserted = store.write(batch);
                stored.addAndGet(inserted);
                repeated.addAndGet(batch.size() - inserted);
                written.addAndGet(batch.size());
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                rateLimited.warn("fail", "cannot store {} readings ({}); retrying", batch.size(), e.getMessage());
                if (!running && Thread.currentThread().isInterrupted()) {
                    return;
                }
                Thread.sleep(backOff);
                backOff = Math.min(backOff * 2, MAX_BACK_OFF.toMillis());
            }
        }
    }

    /** Waits until every row offered so far has been written, or the timeout passes; true if all were. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = offered.get();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (written.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Rows that were new to the store. */
    public long stored() {
        return stored.get();
    }

    /** Rows the store already had: received twice, by another collector, or replayed. */
    public long repeated() {
        return repeated.get();
    }

    public long failures() {
        return failures.get();
    }

    public long overflowed() {
        return overflowed.get();
    }

    public int queued() {
        return queue.size();
    }

    /** Writes what is queued (up to five seconds) and stops. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn("{} queued readings were not written before stopping", queue.size());
        }
    }
}
