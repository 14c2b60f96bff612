package org.jphmesh.collector;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jphmesh.bus.sequence.SequenceStats;
import org.jphmesh.collector.store.postgres.DailyRetention;
import org.jphmesh.collector.store.postgres.PostgresSummaries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a collector does for its database besides storing readings, on one thread of its own so ingest never waits
 * for it: every 10 s the rollups of what was stored, the network's loss as the collector saw it and the partitions
 * ahead; once a day, right after the rollups, retention.
 */
final class DatabaseUpkeep implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseUpkeep.class);

    private final String owner;
    private final PostgresSummaries summaries;
    private final DailyRetention retention;
    private final Supplier<List<SequenceStats>> streams;
    private final ScheduledExecutorService executor;

    /** {@code retention} null: everything is kept. */
    DatabaseUpkeep(String owner, PostgresSummaries summaries, DailyRetention retention, Supplier<List<SequenceStats>> streams) {
        this.owner = owner;
        this.summaries = summaries;
        this.retention = retention;
        this.streams = streams;
        this.executor = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jph-" + owner + "-summaries", true));
        executor.scheduleWithFixedDelay(this::runNow, 10, 10, TimeUnit.SECONDS);
    }

    /** One round now, on the calling thread. */
    void runNow() {
        try {
            summaries.refreshRollups();
            summaries.recordLoss(owner, streams.get());
            summaries.ensurePartitionsHourly();
            if (retention != null) {
                retention.runIfDue();
            }
        } catch (SQLException e) {
            LOG.debug("{} - summaries wait for the database: {}", owner, e.getMessage());
        } catch (RuntimeException e) {
            // Never let one failure end the schedule: rollups and loss figures would silently stop.
            LOG.warn("{} - summaries failed, retrying in 10 s: {}", owner, e.toString());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
