package org.jphmesh.collector.spool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads the journal from the last stored position on: after a restart, a crash or a database outage, the
 * writer simply continues where its last commit left it. {@link #commit} records a position once the
 * database has the records before it (written to a temp file and renamed, so a crash leaves the old or
 * the new checkpoint, never half of one) and lets the journal delete the segments before it.
 */
public final class JournalCursor implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JournalCursor.class);

    static final String CHECKPOINT = "checkpoint";

    private final ReadingJournal journal;
    private final Path dir;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition appended = lock.newCondition();
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
    private JournalPosition position;
    private FileChannel channel;

    public JournalCursor(ReadingJournal journal) {
        this.journal = journal;
        this.dir = journal.dir();
        this.position = loadCheckpoint();
        journal.onAppend(this::signal);
    }

    private JournalPosition loadCheckpoint() {
        try {
            Path file = dir.resolve(CHECKPOINT);
            List<Long> segments = ReadingJournal.segments(dir);
            JournalPosition first = segments.isEmpty() ? JournalPosition.START : new JournalPosition(segments.get(0), 0);
            if (!Files.exists(file)) {
                return first;
            }
            String[] parts = Files.readString(file, StandardCharsets.US_ASCII).trim().split(" ");
            JournalPosition saved;
            try {
                saved = new JournalPosition(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException garbled) {
                // Replaying from the first segment is harmless: the store ignores what it already has.
                return first;
            }
            return saved.compareTo(first) < 0 ? first : saved;
        } catch (IOException e) {
            throw new IllegalStateException("unreadable journal checkpoint in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void signal() {
        if (lock.tryLock()) {
            try {
                appended.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Up to {@code max} datagrams from the current position; waits up to {@code wait} when there are none yet. */
    public List<byte[]> read(int max, Duration wait) throws InterruptedException {
        List<byte[]> records = readAvailable(max);
        if (records.isEmpty()) {
            lock.lock();
            try {
                appended.await(wait.toNanos(), TimeUnit.NANOSECONDS);
            } finally {
                lock.unlock();
            }
            records = readAvailable(max);
        }
        return records;
    }

    private List<byte[]> readAvailable(int max) {
        List<byte[]> records = new ArrayList<>();
        // Advanced locally and published on return, so an exception cannot leave records skipped.
        JournalPosition at = position;
        boolean rechecked = false;
        try {
            while (records.size() < max) {
                if (channel == null) {
                    Path file = ReadingJournal.file(dir, at.segment());
                    if (!Files.exists(file)) {
                        position = at;
                        return records;
                    }
                    channel = FileChannel.open(file, StandardOpenOption.READ);
                }
                buffer.clear();
                int read = channel.read(buffer, at.offset());
                buffer.flip();
                int consumed = 0;
                while (records.size() < max && buffer.remaining() >= 2) {
                    buffer.mark();
                    int length = buffer.getShort() & 0xFFFF;
                    if (buffer.remaining() < length) {
                        buffer.reset();
                        break;
                    }
                    byte[] record = new byte[length];
                    buffer.get(record);
                    records.add(record);
                    consumed += 2 + length;
                }
                if (consumed > 0) {
                    at = new JournalPosition(at.segment(), at.offset() + consumed);
                    rechecked = false;
                    continue;
                }
                // Nothing complete here. A newer segment means this one is finished, but read it once more first:
                // the last flush into it may have landed after the read above.
                boolean newer = Files.exists(ReadingJournal.file(dir, at.segment() + 1));
                if (newer && !rechecked) {
                    rechecked = true;
                    continue;
                }
                if (newer) {
                    if (channel.size() > at.offset()) {
                        LOG.warn("journal segment {} ends in a torn record at {}; going on with the next", at.segment(),
                                at.offset());
                    }
                    channel.close();
                    channel = null;
                    at = new JournalPosition(at.segment() + 1, 0);
                    rechecked = false;
                    continue;
                }
                break;
            }
            position = at;
            return records;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the reading journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Goes back to {@code stored}, the last committed position: the records after it will be read again. */
    public void rewind(JournalPosition stored) {
        position = stored;
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Reopened on the next read.
            }
            channel = null;
        }
    }

    /** The position after the last record read. */
    public JournalPosition position() {
        return position;
    }

    /** Everything before {@code stored} is in the database. */
    public void commit(JournalPosition stored) throws IOException {
        Path temp = dir.resolve(CHECKPOINT + ".tmp");
        try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write(ByteBuffer.wrap((stored.segment() + " " + stored.offset() + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        Files.move(temp, dir.resolve(CHECKPOINT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        journal.release(stored.segment());
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
