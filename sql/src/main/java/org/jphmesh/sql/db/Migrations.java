package org.jphmesh.sql.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a database to the current schema with the Flyway migrations under {@code db/migration}. */
public final class Migrations {

    private Migrations() {
    }

    /** The oldest server the schema and the history queries run on: {@code date_bin} came with PostgreSQL 14. */
    static final int OLDEST_MAJOR = 14;

    /** Applies what is pending; returns how many migrations ran. Refuses a server older than PostgreSQL 14. */
    public static int migrate(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData server = connection.getMetaData();
            requireSupported(server.getDatabaseMajorVersion(), server.getDatabaseProductVersion());
        } catch (SQLException unreachable) {
            // Flyway reports an unreachable database in its own words below.
        }
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
    }

    static void requireSupported(int major, String version) {
        if (major < OLDEST_MAJOR) {
            throw new IllegalStateException("PostgreSQL " + version + " is too old: JPH needs " + OLDEST_MAJOR
                    + " or newer (the dashboard's history uses date_bin): Debian 12 and Raspberry Pi OS Bookworm ship 15;"
                    + " on an older system run the database on another host");
        }
    }

    /** The schema version the database is at, or "none". */
    public static String currentVersion(DataSource dataSource) {
        var current = flyway(dataSource).info().current();
        return current == null ? "none" : current.getVersion().getVersion();
    }

    private static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .load();
    }
}
