package org.jphmesh.sql.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jphmesh.app.store.SqlSettings;

/** The tool's connection pool: two connections are plenty for one command. */
public final class Pools {

    private Pools() {
    }

    public static HikariDataSource forTool(SqlSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("jph-sql");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }
}
