package org.jphmesh.web;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jphmesh.app.store.SqlSettings;

/** The dashboard's small connection pool: history, users and the ingest-lag figure share it. */
final class DatabasePool {

    private DatabasePool() {
    }

    static HikariDataSource open(SqlSettings settings, String owner) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setPoolName("jph-" + owner + "-web");
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(3_000);
        // Starts while the database is down: live tiles work, history and sign-in answer 503 until it is back.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
