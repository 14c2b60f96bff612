package org.jphmesh.sql;

import java.io.IOException;
import java.sql.SQLException;
import org.jphmesh.bus.testing.Prerequisite;
import org.jphmesh.bus.testing.ReplicatedPostgres;
import org.jphmesh.sql.db.Migrations;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database {@value #NAME}, migrated, on a primary and its synchronous streaming replica that the test starts
 * ({@link ReplicatedPostgres}) and {@link #close()} removes; for the failover tests. Where PostgreSQL's programs
 * are missing the test skips, or fails under {@code JPH_REQUIRE_ALL_TESTS} ({@link Prerequisite}).
 */
public final class ReplicatedDatabase implements AutoCloseable {

    public static final String NAME = "jph";

    private final ReplicatedPostgres servers;

    private ReplicatedDatabase(ReplicatedPostgres servers) {
        this.servers = servers;
    }

    /** Starts the servers for {@code test} and makes the database on the primary. */
    public static ReplicatedDatabase start(String test) throws IOException {
        Prerequisite.requireOrSkip(test, ReplicatedPostgres.unavailable());
        ReplicatedPostgres servers = new ReplicatedPostgres();
        try {
            servers.execute("postgres", "CREATE DATABASE " + NAME);
            PGSimpleDataSource primary = new PGSimpleDataSource();
            primary.setUrl("jdbc:postgresql://127.0.0.1:" + servers.primaryPort() + "/" + NAME);
            primary.setUser("postgres");
            Migrations.migrate(primary);
            return new ReplicatedDatabase(servers);
        } catch (SQLException | RuntimeException e) {
            servers.close();
            throw new IllegalStateException("making the replicated test database: " + e.getMessage(), e);
        }
    }

    public ReplicatedPostgres servers() {
        return servers;
    }

    @Override
    public void close() {
        servers.close();
    }
}
