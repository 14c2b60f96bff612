package org.jphmesh.web.health;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * PostgreSQL is up when the dashboard's own pool hands out a connection that answers: the path history and
 * sign-in take. The pool may wait for a connection far longer than a health request should (its timeout
 * is seconds); {@link HealthProbe} bounds the wait, this only answers.
 */
public final class DatabasePing implements HealthProbe.Check {

    /** {@link Connection#isValid} counts in whole seconds; the probe's own budget is the real limit. */
    private static final int VALID_SECONDS = 1;

    private final DataSource pool;

    public DatabasePing(DataSource pool) {
        this.pool = pool;
    }

    @Override
    public boolean up() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(VALID_SECONDS);
        }
    }
}
