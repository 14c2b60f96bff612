package org.jphmesh.sql.db;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/** Brings a database to the current schema with the Flyway migrations under {@code db/migration}. */
public final class Migrations {

    private Migrations() {
    }

    /** Applies what is pending; returns how many migrations ran. */
    public static int migrate(DataSource dataSource) {
        MigrateResult result = flyway(dataSource).migrate();
        return result.migrationsExecuted;
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
