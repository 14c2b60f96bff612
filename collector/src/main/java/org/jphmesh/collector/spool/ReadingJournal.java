package org.jphmesh.collector.spool;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The collector's write-ahead journal and spool in one: every data datagram is appended here, as the
 * bytes that came off the wire, before anything else happens to it. Appends collect in a buffer that
 * {@link #flush()} hands to the kernel with one {@code write}: the collector flushes at the end of each
 * read batch (at most 64 datagrams), so a SIGKILL can only take the batch being read at that instant; the
 * file is forced to disk every 200 ms, which bounds what a power cut can take. Segments roll over at
 * {@link #SEGMENT_BYTES} (64 MiB); the writer deletes those it has fully stored. Past {@code capBytes} of
 * unstored journal, new datagrams are refused, counted and logged loudly: the disk is full of what the
 * database has not yet taken.
 *
 * <p>Record format: a 2-byte big-endian length, then the datagram. Segment files are named by number.
 */
public final class ReadingJournal implements AutoCloseable {

    public static final long SEGMENT_BYTES = 64L * 1024 * 1024;
    static final String SUFFIX = ".journal";

    private static final Logger LOG = LoggerFactory.getLogger(ReadingJournal.class);

    private final Path dir;
    private final long capBytes;
    private final long segmentBytes;
    private final ScheduledExecutorService syncer;
    private final FileChannel lockFile;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 30_000);
    private final AtomicLong appended = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ByteBuffer pending = ByteBuffer.allocate(256 * 1024);
    private FileChannel channel;
    private long segment;
    private long size;
    private volatile long oldestSegment;
    /** Bytes in the closed segments not yet released: what the cap is measured on, with the open one. */
    private volatile long closedBytes;
    private volatile boolean dirty;
    private volatile Runnable onAppend = () -> { };

    public ReadingJournal(Path dir, long capBytes) {
        this(dir, capBytes, SEGMENT_BYTES);
    }

    ReadingJournal(Path dir, long capBytes, long segmentBytes) {
        this.dir = dir;
        this.capBytes = capBytes;
        this.segmentBytes = segmentBytes;
        try {
            Files.createDirectories(dir);
            lockFile = lock(dir);
            List<Long> segments = segments(dir);
            long last = segments.isEmpty() ? 0 : segments.get(segments.size() - 1);
            if (last > 0) {
                // A record half-written when the process died is cut off; readers stop at a clean boundary.
                try (FileChannel tail = FileChannel.open(file(dir, last), StandardOpenOption.WRITE)) {
                    tail.truncate(completeLength(file(dir, last)));
                    tail.force(true);
                }
            }
            // Each run writes a segment of its own, so nothing appended now can land behind a reader's checkpoint.
            segment = last + 1;
            oldestSegment = segments.isEmpty() ? segment : segments.get(0);
            long bytes = 0;
            for (long number : segments) {
                bytes += Files.size(file(dir, number));
            }
            closedBytes = bytes;
            size = 0;
            channel = open(segment);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the reading journal in " + dir + ": " + e.getMessage(), e);
        }
        syncer = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jph-journal-sync", true));
        syncer.scheduleWithFixedDelay(this::sync, 200, 200, TimeUnit.MILLISECONDS);
    }

    // Two collectors on one journal would write over each other's segments and checkpoint: the second one is refused.
    private static FileChannel lock(Path dir) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve("journal.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() != null) {
                return channel;
            }
        } catch (OverlappingFileLockException inThisProcess) {
            // Held by another journal of this very process: the same refusal.
        }
        channel.close();
        throw new ConfigException("the journal folder " + dir + " is in use by another collector; give each collector a"
                + " Sensor.Spool of its own (and run each codifier once)");
    }

    /** The segment numbers present in {@code dir}, in order. */
    static List<Long> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX))
                    .map(n -> Long.parseLong(n.substring(0, n.length() - SUFFIX.length()))).sorted().toList();
        }
    }

    static Path file(Path dir, long segment) {
        return dir.resolve(String.format("%020d%s", segment, SUFFIX));
    }

    /** Appends one datagram; false when the journal is at its cap (the datagram is lost and counted). */
    public boolean append(ByteBuffer datagram) {
        return append(Unpooled.wrappedBuffer(datagram));
    }

    /**
     * Appends the readable bytes of {@code datagram} (left as they are: the caller still owns the buffer); false
     * when the journal is at its cap (the datagram is lost and counted).
     */
    public synchronized boolean append(ByteBuf datagram) {
        int length = datagram.readableBytes();
        if (unstoredBytes() + length + 2 > capBytes) {
            refused.incrementAndGet();
            rateLimited.warn("cap", "reading journal in {} is full ({} bytes not yet stored, cap {}): readings are"
                    + " being LOST until the database takes them", dir, unstoredBytes(), capBytes);
            return false;
        }
        try {
            if (size + pending.position() + length + 2 > segmentBytes || pending.remaining() < length + 2) {
                flush();
                if (size + length + 2 > segmentBytes) {
                    roll();
                }
            }
            pending.putShort((short) length);
            datagram.getBytes(datagram.readerIndex(), pending.slice(pending.position(), length));
            pending.position(pending.position() + length);
            appended.incrementAndGet();
        } catch (IOException e) {
            refused.incrementAndGet();
            rateLimited.warn("io", "cannot append to the reading journal in {}: {}", dir, e.getMessage());
            return false;
        }
        return true;
    }

    /** Hands what was appended to the kernel in one write, then tells the reader. */
    public void flush() throws IOException {
        synchronized (this) {
            if (pending.position() == 0) {
                return;
            }
            long before = size;
            pending.flip();
            try {
                while (pending.hasRemaining()) {
                    size += channel.write(pending);
                }
            } catch (IOException e) {
                // Undo a partial write and keep the whole batch, so the next flush writes it again intact.
                size = before;
                try {
                    channel.truncate(before);
                } catch (IOException ignored) {
                    // The next successful flush still starts at the right place: the file is written by position.
                }
                channel.position(before);
                pending.position(pending.limit());
                pending.limit(pending.capacity());
                throw e;
            }
            pending.clear();
            dirty = true;
        }
        onAppend.run();
    }

    /** {@link #flush()} for callers that cannot handle the exception: counts and logs instead. */
    public void flushQuietly() {
        try {
            flush();
        } catch (IOException e) {
            rateLimited.warn("flush", "cannot write the reading journal in {}: {}", dir, e.getMessage());
        }
    }

    private void roll() throws IOException {
        FileChannel next = open(segment + 1);
        FileChannel old = channel;
        channel = next;
        segment++;
        closedBytes += size;
        size = 0;
        // The append path is the receive thread's: the full segment goes to disk on the sync thread.
        syncer.execute(() -> closeSegment(old));
    }

    private void closeSegment(FileChannel full) {
        try {
            full.force(false);
        } catch (IOException e) {
            rateLimited.warn("sync", "cannot force a full journal segment to disk: {}", e.getMessage());
        } finally {
            try {
                full.close();
            } catch (IOException e) {
                LOG.debug("closing a full journal segment: {}", e.getMessage());
            }
        }
    }

    private FileChannel open(long number) throws IOException {
        return FileChannel.open(file(dir, number), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    private void sync() {
        flushQuietly();
        if (!dirty) {
            return;
        }
        dirty = false;
        FileChannel current;
        synchronized (this) {
            current = channel;
        }
        // Outside the lock: an fsync on a slow SD card must not hold up appends on the I/O thread.
        try {
            current.force(false);
        } catch (java.nio.channels.ClosedChannelException e) {
            dirty = true;
        } catch (IOException e) {
            rateLimited.warn("sync", "cannot force the reading journal to disk: {}", e.getMessage());
        }
    }

    /** Bytes in segments not yet released, an upper bound of what the database has not taken. */
    private long unstoredBytes() {
        return closedBytes + size + pending.position();
    }

    /** The length of the complete records at the start of a segment file. */
    static long completeLength(Path file) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = in.size();
            long at = 0;
            ByteBuffer two = ByteBuffer.allocate(2);
            while (at + 2 <= length) {
                two.clear();
                in.read(two, at);
                two.flip();
                int record = two.getShort() & 0xFFFF;
                if (at + 2 + record > length) {
                    break;
                }
                at += 2 + record;
            }
            return at;
        }
    }

    /** Deletes every segment before {@code segmentNumber}: the database has taken all of them. */
    public void release(long segmentNumber) {
        for (long old = oldestSegment; old < segmentNumber && old < segment; old++) {
            try {
                Path file = file(dir, old);
                long bytes = Files.exists(file) ? Files.size(file) : 0;
                Files.deleteIfExists(file);
                closedBytes -= bytes;
            } catch (IOException e) {
                rateLimited.warn("delete", "cannot delete stored journal segment {}: {}", old, e.getMessage());
                return;
            }
            oldestSegment = old + 1;
        }
    }

    /** Runs {@code listener} after every append, to wake a waiting reader. */
    public void onAppend(Runnable listener) {
        this.onAppend = listener;
    }

    public Path dir() {
        return dir;
    }

    public long appended() {
        return appended.get();
    }

    public long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        // Segments that rolled over are still forced and closed; only the periodic sync stops. Outside the lock,
        // which a running sync may be waiting for.
        syncer.shutdown();
        try {
            if (!syncer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the journal's last full segment was not forced to disk within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                flush();
                channel.force(false);
                channel.close();
                // Closing the channel releases the lock.
                lockFile.close();
            } catch (IOException e) {
                LOG.warn("closing the reading journal: {}", e.getMessage());
            }
        }
    }
}
