package org.jphmesh.sensor.alert.notify;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jphmesh.bus.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's undelivered notifications and the daemon thread that delivers them, oldest first: the head is retried
 * with back-off until it arrives, and only then does the next one go, so the order holds. At most
 * {@value #MAX_QUEUED} wait; beyond that the oldest not being delivered is dropped, from memory and disk.
 */
final class ChannelQueue {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelQueue.class);
    /** A day of a rule flapping every 90 s; a channel down for longer has lost its news value anyway. */
    static final int MAX_QUEUED = 1_000;
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    /** The clock may be moved (a test's), so a back-off wait re-reads it this often instead of trusting one long sleep. */
    private static final long WAIT_SLICE_MILLIS = 250;
    private static final long JOIN_MILLIS = 2_000;

    private final String label;
    private final Notifier channel;
    private final OutboxFolder folder;
    private final Clock clock;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 60_000);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<OutboxFolder.Stored> items = new ArrayDeque<>();
    private final Thread thread;
    private OutboxFolder.Stored inFlight;
    private long delivered;
    private long failedAttempts;
    private long dropped;
    private long retryMillis = FIRST_RETRY.toMillis();
    private long nextAttemptMillis;
    private volatile boolean closed;

    ChannelQueue(String label, Notifier channel, OutboxFolder folder, Clock clock) {
        this.label = label;
        this.channel = channel;
        this.folder = folder;
        this.clock = clock;
        this.thread = new Thread(this::deliverAll, "jph-notify-" + channel.name());
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("{} - {} stopped delivering: {}; what waits stays on disk",
                label, channel.name(), e.toString(), e));
    }

    void start() {
        thread.start();
    }

    /** Queues {@code item} (already on disk, or not when the disk failed) behind the others. */
    void add(OutboxFolder.Stored item) {
        lock.lock();
        try {
            while (items.size() >= MAX_QUEUED && dropOldest()) {
                // One more until there is room.
            }
            items.addLast(item);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops the oldest that is not being delivered; false when there is none. */
    private boolean dropOldest() {
        for (Iterator<OutboxFolder.Stored> it = items.iterator(); it.hasNext(); ) {
            OutboxFolder.Stored oldest = it.next();
            if (oldest != inFlight) {
                it.remove();
                dropped++;
                if (oldest.file() != null) {
                    folder.delete(oldest.file());
                }
                rateLimited.warn("dropped", "{} - {}: {} notifications wait already; dropped the oldest, {} of {} ({} dropped in all)",
                        label, channel.name(), MAX_QUEUED, oldest.notification().id(), oldest.notification().alert(), dropped);
                return true;
            }
        }
        return false;
    }

    NotificationOutbox.Counters.Channel counters() {
        lock.lock();
        try {
            return new NotificationOutbox.Counters.Channel(items.size(), delivered, failedAttempts, dropped);
        } finally {
            lock.unlock();
        }
    }

    private void deliverAll() {
        try {
            while (true) {
                OutboxFolder.Stored item = next();
                if (item == null) {
                    return;
                }
                boolean arrived = attempt(item);
                if (arrived && item.file() != null) {
                    folder.delete(item.file());
                }
            }
        } catch (InterruptedException e) {
            // Closed.
        }
    }

    /** The head, once its back-off has passed; {@code null} when closed. */
    private OutboxFolder.Stored next() throws InterruptedException {
        lock.lock();
        try {
            while (!closed) {
                long wait = nextAttemptMillis - clock.millis();
                if (items.isEmpty()) {
                    changed.await();
                } else if (wait > 0) {
                    changed.await(Math.min(wait, WAIT_SLICE_MILLIS), TimeUnit.MILLISECONDS);
                } else {
                    inFlight = items.peekFirst();
                    return inFlight;
                }
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private boolean attempt(OutboxFolder.Stored item) throws InterruptedException {
        Exception failure = null;
        try {
            channel.deliver(item.notification());
        } catch (InterruptedException e) {
            if (closed) {
                throw e;
            }
            failure = e;
        } catch (Exception e) {
            failure = e;
        }
        lock.lock();
        try {
            inFlight = null;
            if (failure == null) {
                items.remove(item);
                delivered++;
                if (failedAttempts > 0 && retryMillis != FIRST_RETRY.toMillis()) {
                    LOG.info("{} - {} delivers again ({} waiting)", label, channel.name(), items.size());
                }
                retryMillis = FIRST_RETRY.toMillis();
                nextAttemptMillis = 0;
                return true;
            }
            failedAttempts++;
            long delay = retryMillis;
            retryMillis = nextRetryMillis(delay);
            nextAttemptMillis = clock.millis() + delay;
            rateLimited.warn("failed", "{} - {} ({}) could not deliver {} of {}: {}; {} waiting, next try in {} ms", label,
                    channel.name(), channel, item.notification().id(), item.notification().alert(), failure.toString(),
                    items.size(), delay);
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** The back-off after one of {@code millis}: twice as long, at most five minutes. */
    static long nextRetryMillis(long millis) {
        return Math.min(millis * 2, MAX_RETRY.toMillis());
    }

    /** Stops the thread, cutting a delivery under way; what was not delivered stays on disk. */
    void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{} - {} is still delivering after {} ms; left to its own timeout", label, channel.name(), JOIN_MILLIS);
        }
    }
}
