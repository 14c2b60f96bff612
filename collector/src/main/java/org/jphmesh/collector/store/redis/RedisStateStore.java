package org.jphmesh.collector.store.redis;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jphmesh.app.store.RedisMaster;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.collector.ingest.StateChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;

/**
 * The latest state of every codifier in Redis: one hash per codifier under {@code keyPrefix + code}
 * (an empty prefix is the legacy layout), and one message per flush on {@code keyPrefix + "live"}
 * naming what changed, for dashboards to subscribe to.
 *
 * <p>Changes from the I/O thread are merged per hash (latest value wins), so memory is bounded by the
 * number of codifiers and Redis is never waited on; a flusher thread writes them as one pipeline every
 * {@code flushMillis}. While Redis is away they keep merging, and the flusher reconnects with back-off.
 *
 * <p>It also keeps every field it wrote (bounded by the codifiers, like the merging). After a failed write, or when
 * the sentinels name a new master, the next write is that whole view: a replica promoted before the last writes
 * reached it, or a Redis restarted empty, gets the collector's latest state back, not only what changed since.
 */
public final class RedisStateStore implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisStateStore.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final RedisSettings settings;
    private final String keyPrefix;
    private final long flushMillis;
    private final Thread thread;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 30_000);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final ConcurrentHashMap<String, Map<String, String>> pending = new ConcurrentHashMap<>();
    // Touched by the flusher thread only (and by close once it has stopped).
    private final Map<String, Map<String, String>> view = new HashMap<>();
    private final AtomicLong rewrites = new AtomicLong();
    private final RedisMaster master;
    private String wroteTo;
    private boolean rewriteDue;
    private volatile boolean running = true;
    private volatile Runnable beforeWrite = () -> { };

    public RedisStateStore(String owner, RedisSettings settings, long flushMillis) {
        this.settings = settings;
        this.keyPrefix = settings.keyPrefix();
        this.flushMillis = flushMillis;
        this.master = new RedisMaster(settings, TIMEOUT);
        this.thread = new Thread(this::run, "jph-" + owner + "-redis");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Runs {@code source} on the writing thread before each write, to {@link #apply} what it gathered since. */
    public void beforeWrite(Runnable source) {
        this.beforeWrite = source;
    }

    /** Merges a change; never blocks. Atomic per hash, so nothing slips between a merge and a flush. */
    public void apply(StateChange change) {
        pending.merge(change.codifier().value(), change.fields(), RedisStateStore::newerWins);
    }

    private static Map<String, String> newerWins(Map<String, String> older, Map<String, String> newer) {
        Map<String, String> merged = new HashMap<>(older);
        merged.putAll(newer);
        return merged;
    }

    private void run() {
        long backOff = 250;
        while (running) {
            try {
                Thread.sleep(flushMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            Map<String, Map<String, String>> batch = gather();
            // A quiet mesh still owes a new master the whole view.
            if (batch.isEmpty() && !masterMoved()) {
                continue;
            }
            try {
                write(batch);
                backOff = 250;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                rateLimited.warn("fail", "Redis {} unavailable ({}); keeping the latest state to write later",
                        settings.describe(), e.getMessage());
                restore(batch);
                master.drop();
                rewriteDue = true;
                try {
                    Thread.sleep(backOff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backOff = Math.min(backOff * 2, 30_000);
            }
        }
    }

    private void write(Map<String, Map<String, String>> changes) {
        Pipeline pipeline = master.jedis().pipelined();
        String address = master.address();
        boolean rewrite = rewriteDue || masterMoved();
        Map<String, Map<String, String>> batch = rewrite ? withView(changes) : changes;
        Map<String, Map<String, String>> live = new HashMap<>();
        batch.forEach((code, fields) -> {
            pipeline.hset(keyPrefix + code, fields);
            live.put(code, fields);
        });
        try {
            pipeline.publish(keyPrefix + "live", JSON.writeValueAsString(live));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        pipeline.sync();
        written.addAndGet(batch.size());
        changes.forEach((code, fields) -> view.merge(code, fields, RedisStateStore::newerWins));
        if (rewrite) {
            rewrites.incrementAndGet();
            LOG.info("the latest state of {} codifiers rewritten to Redis {} from the collector's view", batch.size(), address);
        }
        wroteTo = address;
        rewriteDue = false;
    }

    private boolean masterMoved() {
        return wroteTo != null && !wroteTo.equals(master.address());
    }

    // The whole view, with the changes (newer) over it.
    private Map<String, Map<String, String>> withView(Map<String, Map<String, String>> changes) {
        Map<String, Map<String, String>> all = new HashMap<>(view);
        changes.forEach((code, fields) -> all.merge(code, fields, RedisStateStore::newerWins));
        return all;
    }

    private Map<String, Map<String, String>> gather() {
        try {
            beforeWrite.run();
        } catch (RuntimeException e) {
            rateLimited.warn("source", "gathering the latest state failed: {}", e.toString());
        }
        return drain();
    }

    // Each hash taken out on its own, atomically: a change merged after its removal waits for the next flush.
    private Map<String, Map<String, String>> drain() {
        Map<String, Map<String, String>> batch = new HashMap<>();
        for (String code : pending.keySet()) {
            Map<String, String> fields = pending.remove(code);
            if (fields != null) {
                batch.put(code, fields);
            }
        }
        return batch;
    }

    // Changes that arrived while the write failed are newer: they win over the failed batch's fields.
    private void restore(Map<String, Map<String, String>> failed) {
        failed.forEach((code, fields) -> pending.merge(code, fields, (current, old) -> newerWins(old, current)));
    }

    /** Hash writes done (one per codifier per flush). */
    public long written() {
        return written.get();
    }

    public long failures() {
        return failures.get();
    }

    /** Writes of the whole view, after a failure or a failover. */
    public long rewrites() {
        return rewrites.get();
    }

    /** True when nothing waits to be written. */
    public boolean idle() {
        return pending.isEmpty();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!thread.isAlive()) {
            Map<String, Map<String, String>> last = gather();
            if (last.isEmpty()) {
                master.close();
                return;
            }
            try {
                write(last);
            } catch (RuntimeException e) {
                LOG.warn("the last latest-state changes were not written: {}", e.getMessage());
            }
        }
        master.close();
    }
}
