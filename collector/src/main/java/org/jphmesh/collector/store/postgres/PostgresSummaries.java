package org.jphmesh.collector.store.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jphmesh.bus.sequence.SequenceStats;
import org.jphmesh.collector.ingest.ReadingRow;

/**
 * What the collector keeps besides the readings: the network's loss as its sequence accounting saw it
 * ({@code network_loss}), and the 10-minute and hourly rollups of the buckets that received readings
 * ({@code reading_rollup}), recomputed from the stored rows so the median is exact and a late or replayed
 * reading corrects its bucket.
 */
public final class PostgresSummaries {

    private static final long TEN_MINUTES = 600_000;
    private static final long HOUR = 3_600_000;
    private static final String ROLLUP = "INSERT INTO reading_rollup (codifier, period, bucket, count, mean, min, max, median, stddev)"
            + " SELECT ?, ?, ?, count(value), avg(value), min(value), max(value),"
            + " percentile_cont(0.5) WITHIN GROUP (ORDER BY value), stddev_samp(value)"
            + " FROM reading WHERE codifier = ? AND ts >= ? AND ts < ? AND value IS NOT NULL"
            + " ON CONFLICT (codifier, period, bucket) DO UPDATE SET count = EXCLUDED.count, mean = EXCLUDED.mean,"
            + " min = EXCLUDED.min, max = EXCLUDED.max, median = EXCLUDED.median, stddev = EXCLUDED.stddev";
    private static final String LOSS = "INSERT INTO network_loss (codifier, channel, collector, received, lost, duplicated,"
            + " reordered, restarts, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())"
            + " ON CONFLICT (codifier, channel, collector) DO UPDATE SET received = EXCLUDED.received, lost = EXCLUDED.lost,"
            + " duplicated = EXCLUDED.duplicated, reordered = EXCLUDED.reordered, restarts = EXCLUDED.restarts,"
            + " updated_at = EXCLUDED.updated_at";

    private record Bucket(String codifier, String period, long start, long length) {
    }

    private final DataSource dataSource;
    private final Set<Bucket> touched = ConcurrentHashMap.newKeySet();
    private long partitionsCheckedAt;

    public PostgresSummaries(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Notes the buckets of rows that were just stored. */
    public void stored(List<ReadingRow> rows) {
        for (ReadingRow row : rows) {
            if (row.value() != null) {
                long ts = row.timestampMillis();
                touched.add(new Bucket(row.codifier(), "10min", ts - Math.floorMod(ts, TEN_MINUTES), TEN_MINUTES));
                touched.add(new Bucket(row.codifier(), "hour", ts - Math.floorMod(ts, HOUR), HOUR));
            }
        }
    }

    /** Recomputes the touched buckets; a bucket whose update fails is touched again for the next time. */
    public int refreshRollups() throws SQLException {
        // Taken out before the queries: rows stored meanwhile touch their bucket again and are not missed.
        List<Bucket> work = new ArrayList<>();
        for (Bucket bucket : new ArrayList<>(touched)) {
            if (touched.remove(bucket)) {
                work.add(bucket);
            }
        }
        if (work.isEmpty()) {
            return 0;
        }
        try {
            upsert(work);
        } catch (SQLException | RuntimeException e) {
            touched.addAll(work);
            throw e;
        }
        return work.size();
    }

    private void upsert(List<Bucket> work) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(ROLLUP)) {
            for (Bucket bucket : work) {
                Timestamp from = Timestamp.from(Instant.ofEpochMilli(bucket.start()));
                statement.setString(1, bucket.codifier());
                statement.setString(2, bucket.period());
                statement.setTimestamp(3, from);
                statement.setString(4, bucket.codifier());
                statement.setTimestamp(5, from);
                statement.setTimestamp(6, Timestamp.from(Instant.ofEpochMilli(bucket.start() + bucket.length())));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    /** Makes next months' partitions once an hour, so a collector that runs for months never fills the default one. */
    public void ensurePartitionsHourly() throws SQLException {
        long now = System.currentTimeMillis();
        if (now - partitionsCheckedAt < HOUR) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SELECT jph_ensure_partitions(3)");
        }
        partitionsCheckedAt = now;
    }

    /** Records the accounting of every stream this collector heard. */
    public void recordLoss(String collector, List<SequenceStats> streams) throws SQLException {
        if (streams.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(LOSS)) {
            for (SequenceStats stats : streams) {
                statement.setString(1, stats.codifier().value());
                statement.setString(2, stats.channel().label());
                statement.setString(3, collector);
                statement.setLong(4, stats.received());
                statement.setLong(5, stats.lost());
                statement.setLong(6, stats.duplicated());
                statement.setLong(7, stats.reordered());
                statement.setLong(8, stats.restarts());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }
}
