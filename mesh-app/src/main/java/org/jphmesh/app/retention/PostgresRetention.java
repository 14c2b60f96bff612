package org.jphmesh.app.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jphmesh.app.retention.RetentionPlan.PartitionDrop;
import org.jphmesh.app.retention.RetentionPlan.RowCut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a {@link RetentionPlan} on the mesh's database, or says what it would do. Ingest is never held up
 * for long: a partition is dropped under a short lock timeout (dropping one locks {@code reading} for a moment; a
 * drop that cannot get its lock waits for the next run), and rows go in autocommitted batches of
 * {@code batchRows}. Before raw readings go, the rollups of their buckets that are missing are computed from them.
 */
public final class PostgresRetention {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresRetention.class);
    private static final Pattern MONTHLY = Pattern.compile("reading_(\\d{6})");
    private static final DateTimeFormatter YYYYMM = DateTimeFormatter.ofPattern("yyyyMM");
    private static final String LOCK_TIMEOUT = "2s";
    // The collector's rollup query, over a range of rows and for every bucket in it that has none yet.
    private static final String FILL = "INSERT INTO reading_rollup (codifier, period, bucket, count, mean, min, max, median, stddev)"
            + " SELECT codifier, ?, to_timestamp(floor(extract(epoch FROM ts) / ?) * ?), count(value), avg(value), min(value),"
            + " max(value), percentile_cont(0.5) WITHIN GROUP (ORDER BY value), stddev_samp(value)"
            + " FROM reading WHERE ts >= ? AND ts < ? AND value IS NOT NULL AND %s GROUP BY 1, 3 ON CONFLICT DO NOTHING";

    private final DataSource dataSource;
    private final Retention retention;
    private final int batchRows;

    public PostgresRetention(DataSource dataSource, Retention retention, int batchRows) {
        if (batchRows < 1) {
            throw new IllegalArgumentException("batchRows must be at least 1, not " + batchRows);
        }
        this.dataSource = dataSource;
        this.retention = retention;
        this.batchRows = batchRows;
    }

    /** What retention removes at {@code now}. */
    public RetentionPlan plan(Instant now) throws SQLException {
        return RetentionPlan.of(retention, partitions(), now);
    }

    /** The plan at {@code now}, one line per step with the rows it would remove; nothing is changed. */
    public List<String> preview(Instant now) throws SQLException {
        RetentionPlan plan = plan(now);
        List<String> lines = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (PartitionDrop drop : plan.drops()) {
                lines.add("drop partition " + drop.table() + " (" + count(connection, "SELECT count(*) FROM " + drop.table())
                        + " readings of " + drop.month() + ")");
            }
            for (RowCut cut : plan.rawCuts()) {
                lines.add("delete " + countRows(connection, cut) + " readings of " + cut.group().describe() + " before " + cut.before());
            }
            for (RowCut cut : plan.rollupCuts()) {
                lines.add("delete " + countRows(connection, cut) + " " + cut.tier().rollupPeriod() + " rollups of "
                        + cut.group().describe() + " before " + cut.before());
            }
        }
        return lines;
    }

    /** Removes what the plan at {@code now} names; returns (and logs) one line per step that removed something. */
    public List<String> apply(Instant now) throws SQLException {
        RetentionPlan plan = plan(now);
        List<String> removed = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            for (PartitionDrop drop : plan.drops()) {
                fillRollups(connection, drop.from(), drop.to(), "true", List.of());
                if (dropPartition(connection, drop)) {
                    removed.add(report("dropped partition " + drop.table() + " (readings of " + drop.month() + ")"));
                }
            }
            for (RowCut cut : plan.rawCuts()) {
                fillRollups(connection, Instant.EPOCH, cut.before(), filter(cut.group()), codes(cut.group()));
                long rows = deleteInBatches(connection, cut);
                if (rows > 0) {
                    removed.add(report("deleted " + rows + " readings of " + cut.group().describe() + " before " + cut.before()));
                }
            }
            for (RowCut cut : plan.rollupCuts()) {
                long rows = deleteInBatches(connection, cut);
                if (rows > 0) {
                    removed.add(report("deleted " + rows + " " + cut.tier().rollupPeriod() + " rollups of "
                            + cut.group().describe() + " before " + cut.before()));
                }
            }
        }
        return removed;
    }

    private static String report(String line) {
        LOG.info("retention {}", line);
        return line;
    }

    /** The monthly partitions of {@code reading}, by the names {@code jph_ensure_partitions} gives them (UTC months). */
    private List<PartitionDrop> partitions() throws SQLException {
        List<PartitionDrop> partitions = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                     + " WHERE i.inhparent = 'reading'::regclass")) {
            while (rows.next()) {
                Matcher name = MONTHLY.matcher(rows.getString(1));
                if (name.matches()) {
                    partitions.add(new PartitionDrop(name.group(), YearMonth.parse(name.group(1), YYYYMM)));
                }
            }
        }
        return partitions;
    }

    private void fillRollups(Connection connection, Instant from, Instant to, String filter, List<String> codes) throws SQLException {
        for (RetentionTier tier : List.of(RetentionTier.TEN_MINUTES, RetentionTier.HOUR)) {
            int seconds = tier == RetentionTier.HOUR ? 3600 : 600;
            try (PreparedStatement statement = connection.prepareStatement(String.format(FILL, filter))) {
                statement.setString(1, tier.rollupPeriod());
                statement.setInt(2, seconds);
                statement.setInt(3, seconds);
                statement.setTimestamp(4, Timestamp.from(from));
                statement.setTimestamp(5, Timestamp.from(to));
                bindCodes(connection, statement, 6, codes);
                statement.executeUpdate();
            }
        }
    }

    private static boolean dropPartition(Connection connection, PartitionDrop drop) throws SQLException {
        connection.setAutoCommit(false);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            statement.execute("DROP TABLE IF EXISTS " + drop.table());
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            if (!"55P03".equals(e.getSQLState())) {
                throw e;
            }
            // The collector was writing for longer than the timeout: better a day late than ingest held up.
            LOG.warn("retention could not drop {} within {} (the table was busy); the next run tries again", drop.table(), LOCK_TIMEOUT);
            return false;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private long deleteInBatches(Connection connection, RowCut cut) throws SQLException {
        String sql = cut.tier() == RetentionTier.RAW
                ? "DELETE FROM reading WHERE (codifier, ts, seq) IN (SELECT codifier, ts, seq FROM reading WHERE ts < ? AND "
                        + filter(cut.group()) + " LIMIT ?)"
                : "DELETE FROM reading_rollup WHERE (codifier, period, bucket) IN (SELECT codifier, period, bucket FROM reading_rollup"
                        + " WHERE bucket < ? AND " + filter(cut.group()) + " AND period = ? LIMIT ?)";
        long total = 0;
        int deleted;
        do {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                int next = bindCut(connection, statement, cut);
                statement.setInt(next, batchRows);
                deleted = statement.executeUpdate();
            }
            total += deleted;
        } while (deleted == batchRows);
        return total;
    }

    private long countRows(Connection connection, RowCut cut) throws SQLException {
        String sql = cut.tier() == RetentionTier.RAW
                ? "SELECT count(*) FROM reading WHERE ts < ? AND " + filter(cut.group())
                : "SELECT count(*) FROM reading_rollup WHERE bucket < ? AND " + filter(cut.group()) + " AND period = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bindCut(connection, statement, cut);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    // Binds the horizon, the group's codifiers and a rollup's period; returns the next parameter's index.
    private static int bindCut(Connection connection, PreparedStatement statement, RowCut cut) throws SQLException {
        statement.setTimestamp(1, Timestamp.from(cut.before()));
        int next = bindCodes(connection, statement, 2, codes(cut.group()));
        if (cut.tier() != RetentionTier.RAW) {
            statement.setString(next++, cut.tier().rollupPeriod());
        }
        return next;
    }

    private static String filter(RetentionGroup group) {
        if (!group.only().isEmpty()) {
            return "codifier = ANY (?)";
        }
        return group.except().isEmpty() ? "true" : "NOT (codifier = ANY (?))";
    }

    private static List<String> codes(RetentionGroup group) {
        return group.only().isEmpty() ? group.except() : group.only();
    }

    private static int bindCodes(Connection connection, PreparedStatement statement, int index, List<String> codes) throws SQLException {
        if (codes.isEmpty()) {
            return index;
        }
        statement.setArray(index, connection.createArrayOf("text", codes.toArray()));
        return index + 1;
    }
}
