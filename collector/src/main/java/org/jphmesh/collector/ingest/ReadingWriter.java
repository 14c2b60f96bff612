package org.jphmesh.collector.ingest;

import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.codec.MalformedFrameException;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.collector.spool.JournalCursor;
import org.jphmesh.collector.spool.JournalPosition;
import org.jphmesh.collector.spool.ReadingJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves readings from the journal into the store, in batches, from one thread. It reads from the last
 * stored position on, so after a crash, a restart or a database outage it simply carries on; a batch the
 * store refuses is written again, with back-off, until it is in (the store's idempotence makes that safe),
 * and only then is the position committed. While the database is away the journal grows on disk.
 */
public final class ReadingWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReadingWriter.class);
    private static final long MAX_BACK_OFF_MILLIS = 30_000;

    private final ReadingStore store;
    private final ReadingJournal journal;
    private final JournalCursor cursor;
    private final ReadingRows rows = new ReadingRows();
    private final int maxBatch;
    private final Thread thread;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 30_000);
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong repeated = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final java.util.function.Consumer<List<ReadingRow>> onStored;
    private volatile Consumer<Error> onFatal = error -> { };
    private volatile boolean running = true;
    private volatile boolean outage;

    public ReadingWriter(String owner, ReadingStore store, ReadingJournal journal, int maxBatch) {
        this(owner, store, journal, maxBatch, rows -> { });
    }

    /** As above; {@code onStored} sees each batch once the store has it, on the writer thread. */
    public ReadingWriter(String owner, ReadingStore store, ReadingJournal journal, int maxBatch,
                         java.util.function.Consumer<List<ReadingRow>> onStored) {
        this.onStored = onStored;
        this.store = store;
        this.journal = journal;
        this.cursor = new JournalCursor(journal);
        this.maxBatch = maxBatch;
        this.thread = new Thread(this::run, "jph-" + owner + "-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        JournalPosition committed = cursor.position();
        while (running) {
            try {
                List<byte[]> records = cursor.read(maxBatch, Duration.ofMillis(200));
                if (records.isEmpty()) {
                    continue;
                }
                List<ReadingRow> batch = new ArrayList<>(records.size());
                for (byte[] record : records) {
                    decode(record).flatMap(rows::from).ifPresent(batch::add);
                }
                JournalPosition upTo = cursor.position();
                if (!writeUntilStored(batch)) {
                    return;
                }
                cursor.commit(upTo);
                committed = upTo;
                processed.addAndGet(records.size());
                onStored.accept(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Error e) {
                // Out of memory, a broken class path: retrying would only hide it. The journal keeps every reading.
                LOG.error("reading writer stopped by {}; every reading not yet stored stays in the journal for the next"
                        + " start", e.toString(), e);
                running = false;
                onFatal.accept(e);
                return;
            } catch (Exception e) {
                // Whatever went wrong, the records since the last commit are read again: none is skipped.
                cursor.rewind(committed);
                rateLimited.warn("loop", "reading writer: {}; reading again from the last stored position", e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    // The journal holds datagrams that decoded once; one that no longer does is a damaged file: counted and named.
    private java.util.Optional<Frame> decode(byte[] record) {
        try {
            return java.util.Optional.of(FrameCodec.decode(Unpooled.wrappedBuffer(record)));
        } catch (MalformedFrameException e) {
            undecodable.incrementAndGet();
            rateLimited.warn("undecodable", "skipped a journal record of {} bytes that does not decode ({}): {} so far;"
                    + " the journal in {} may be damaged", record.length, e.getMessage(), undecodable.get(), journal.dir());
            return java.util.Optional.empty();
        }
    }

    private boolean writeUntilStored(List<ReadingRow> batch) throws InterruptedException {
        long backOff = 250;
        while (running) {
            try {
                int inserted = store.write(batch);
                stored.addAndGet(inserted);
                repeated.addAndGet(batch.size() - inserted);
                if (outage) {
                    outage = false;
                    LOG.info("the database is back; catching up from the journal");
                }
                return true;
            } catch (Exception e) {
                failures.incrementAndGet();
                outage = true;
                rateLimited.warn("fail", "cannot store {} readings ({}); they wait in the journal, retrying",
                        batch.size(), e.getMessage());
                Thread.sleep(backOff);
                backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
            }
        }
        return false;
    }

    /** Waits until everything journaled so far is stored, or the timeout passes; true if it is. */
    public boolean flush(Duration timeout) throws InterruptedException {
        long target = journal.appended();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (processed.get() < target) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Called once, on the writer thread, when an {@link Error} stops the writer. */
    public void onFatal(Consumer<Error> listener) {
        this.onFatal = listener;
    }

    /** Journal records that did not decode (a damaged journal), skipped and counted. */
    public long undecodable() {
        return undecodable.get();
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

    /** True while the store refuses writes and readings wait in the journal. */
    public boolean inOutage() {
        return outage;
    }

    /** Stops after the batch in hand; what is not stored stays in the journal for the next start. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(5_000);
            cursor.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            LOG.debug("closing the journal cursor: {}", e.getMessage());
        }
    }
}
