package org.jphmesh.collector.store.postgres;

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
 * Batches of readings into the {@code reading} table: COPY into a session temp table (COPY is the fastest
 * way in), then one {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING}, which makes every batch
 * idempotent on the reading's identity. One transaction per batch: all of it or none of it.
 */
public final class PostgresReadingStore implements ReadingStore {

    private static final String STAGING = "CREATE TEMP TABLE IF NOT EXISTS reading_in ("
            + "codifier text, ts timestamptz, seq bigint, kind char(1), value double precision, payload text, epoch bigint)"
            + " ON COMMIT DELETE ROWS";
    private static final String MERGE = "INSERT INTO reading (codifier, ts, seq, kind, value, payload, epoch)"
            + " SELECT codifier, ts, seq, kind, value, payload, epoch FROM reading_in ON CONFLICT DO NOTHING";

    private final DataSource dataSource;

    public PostgresReadingStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public int write(List<ReadingRow> batch) throws SQLException {
        if (batch.isEmpty()) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(STAGING);
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY reading_in FROM STDIN (FORMAT csv)", new StringReader(CsvRows.encode(batch)));
                int inserted = statement.executeUpdate(MERGE);
                connection.commit();
                return inserted;
            } catch (SQLException | java.io.IOException e) {
                connection.rollback();
                throw e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
            }
        }
    }

    /** Makes sure the monthly partitions exist ahead of time; called at start and once a day. */
    public void ensurePartitions() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SELECT jph_ensure_partitions(3)");
        }
    }
}
