package org.jphmesh.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.jphmesh.app.store.SqlSettings;

/**
 * A database of its own for one test on the machine's PostgreSQL (127.0.0.1:5432, user postgres, trust
 * auth; {@code ./jph test} makes sure it runs), dropped again when the test closes it.
 */
public final class TestDatabase implements AutoCloseable {

    private static final String SERVER = System.getProperty("jph.test.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String USER = "postgres";

    private final String name = "jph_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    public TestDatabase() {
        admin("CREATE DATABASE " + name);
    }

    public String url() {
        return SERVER + name;
    }

    public SqlSettings settings() {
        return new SqlSettings(url(), USER, null);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, null);
    }

    @Override
    public void close() {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void admin(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", USER, null);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL on " + SERVER + " (run ./jph test, which starts it): " + e.getMessage(), e);
        }
    }
}
