package org.jphmesh.collector.store.postgres;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.jphmesh.collector.ingest.ReadingRow;
import org.jphmesh.collector.ingest.ReadingStore;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches of readings into the {@code reading} table, one transaction each: all of it or none of it.
 *
 * <p>Most batches hold only new readings, so the first try is a COPY straight into the table, the
 * fastest way in. A batch that holds a reading already stored fails that COPY on the primary key; it is
 * then written through a session temp table and {@code INSERT ... ON CONFLICT DO NOTHING}, which skips
 * what is there. After such a batch (a second collector on the bus, a journal replay) the merge is used
 * first for the next {@link #MERGE_AFTER_CONFLICT} batches, since more duplicates are likely.
 *
 * <p>A batch refused for its data (a value the column cannot take) is split in halves until the refused
 * rows stand alone; those go to {@link RejectedRows} and the rest is stored, so one bad reading can never
 * stop the writer. Only other errors (the database away, a connection cut) are thrown for a retry.
 */
public final class PostgresReadingStore implements ReadingStore {

    private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS reading_in ("
            + "codifier text, ts timestamptz, seq bigint, kind char(1), value double precision, payload text, epoch bigint)"
            + " ON COMMIT DELETE ROWS";
    private static final String MERGE = "INSERT INTO reading (codifier, ts, seq, kind, value, payload, epoch)"
            + " SELECT codifier, ts, seq, kind, value, payload, epoch FROM reading_in ON CONFLICT DO NOTHING";

    static final int MERGE_AFTER_CONFLICT = 100;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String DIRECT = "COPY reading (codifier, ts, seq, kind, value, payload, epoch) FROM STDIN (FORMAT csv)";

    private static final Logger LOG = LoggerFactory.getLogger(PostgresReadingStore.class);

    private final DataSource dataSource;
    private final RejectedRows rejected;
    private int mergeFirst;
    private boolean partitionsReady;

    public PostgresReadingStore(DataSource dataSource, RejectedRows rejected) {
        this.dataSource = dataSource;
        this.rejected = rejected;
    }

    @Override
    public int write(List<ReadingRow> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        if (!partitionsReady) {
            // Upkeep never blocks storage: without the partitions, rows land in the default one.
            try {
                ensurePartitions();
            } catch (SQLException e) {
                LOG.warn("cannot make the monthly partitions ({}); storing into reading_default", e.getMessage());
            }
            partitionsReady = true;
        }
        try {
            return writeBatch(batch);
        } catch (SQLException e) {
            if (!isDataError(e)) {
                throw e;
            }
            return isolate(batch, e);
        }
    }

    /** Errors in the rows themselves (class 22 data, 23 constraints other than a duplicate): retrying cannot help. */
    static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || (state.startsWith("23") && !state.equals(UNIQUE_VIOLATION)));
    }

    // A batch the database refuses for its data: halve it until the refused rows are alone, set them aside.
    private int isolate(List<ReadingRow> batch, SQLException cause) throws SQLException {
        if (batch.size() == 1) {
            rejected.reject(batch.get(0), cause.getMessage());
            return 0;
        }
        int half = batch.size() / 2;
        int inserted = 0;
        for (List<ReadingRow> part : List.of(batch.subList(0, half), batch.subList(half, batch.size()))) {
            try {
                inserted += writeBatch(part);
            } catch (SQLException e) {
                if (!isDataError(e)) {
                    throw e;
                }
                inserted += isolate(part, e);
            }
        }
        return inserted;
    }

    private int writeBatch(List<ReadingRow> batch) throws SQLException {
        String csv = CsvRows.encode(batch);
        if (mergeFirst > 0) {
            mergeFirst--;
            return merge(csv);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                long copied = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(DIRECT, new StringReader(csv));
                connection.commit();
                return (int) copied;
            } catch (SQLException e) {
                connection.rollback();
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
            } catch (IOException e) {
                connection.rollback();
                throw new SQLException(e.getMessage(), e);
            }
        }
        mergeFirst = MERGE_AFTER_CONFLICT;
        return merge(csv);
    }

    private int merge(String csv) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGING);
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY reading_in FROM STDIN (FORMAT csv)", new StringReader(csv));
                int inserted = statement.executeUpdate(MERGE);
                connection.commit();
                return inserted;
            } catch (SQLException | IOException e) {
                connection.rollback();
                throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            }
        }
    }

    /** Makes sure the monthly partitions exist ahead of time; done before the first write and every hour. */
    public void ensurePartitions() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT jph_ensure_partitions(3)");
        }
    }
}
