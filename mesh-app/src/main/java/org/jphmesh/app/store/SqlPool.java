package org.jphmesh.app.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;

/**
 * The one way the applications open a PostgreSQL connection pool (HikariCP). Every pool starts while the
 * database is away (HikariCP's {@code initializationFailTimeout} of -1): the collector's readings wait in its
 * journal, the dashboard answers 503 for history until the database is back, a tool fails on its first query.
 */
public final class SqlPool {

    private SqlPool() {
    }

    /**
     * A pool named {@code name} (in HikariCP's logs and metrics) of at most {@code connections}, keeping
     * {@code idleConnections} open while unused and waiting {@code connectTimeout} for a connection.
     */
    public static HikariDataSource open(SqlSettings settings, String name, int connections, int idleConnections,
                                        Duration connectTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(connections);
        config.setMinimumIdle(idleConnections);
        config.setConnectionTimeout(connectTimeout.toMillis());
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
