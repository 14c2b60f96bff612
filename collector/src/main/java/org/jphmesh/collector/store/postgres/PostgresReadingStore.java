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

/**
 * Batches of readings into the {@code reading} table, one transaction each: all of it or none of it.
 *
 * <p>Most batches hold only new readings, so the first try is a COPY straight into the table, the
 * fastest way in. A batch that holds a reading already stored fails that COPY on the primary key; it is
 * then written through a session temp table and {@code INSERT ... ON CONFLICT DO NOTHING}, which skips
 * what is there. After such a batch (a second collector on the bus, a journal replay) the merge is used
 * first for the next {@link #MERGE_AFTER_CONFLICT} batches, since more duplicates are likely.
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

    private final DataSource dataSource;
    private int mergeFirst;
    private boolean partitionsReady;

    public PostgresReadingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int write(List<ReadingRow> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        if (!partitionsReady) {
            ensurePartitions();
            partitionsReady = true;
        }
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

    /** Makes sure the monthly partitions exist ahead of time; done before the first write. */
    public void ensurePartitions() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT jph_ensure_partitions(3)");
        }
    }
}
