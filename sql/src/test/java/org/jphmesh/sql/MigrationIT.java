package org.jphmesh.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The schema on the machine's real PostgreSQL, in a database of the test's own. */
class MigrationIT {

    private final TestDatabase database = new TestDatabase();

    @AfterEach
    void drop() {
        database.close();
    }

    private String migrate() {
        StringWriter out = new StringWriter();
        CommandLine cli = SqlMain.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("migrate", "--url", database.url(), "--user", "postgres")).isZero();
        return out.toString();
    }

    @Test
    void migrate_creates_the_schema_once_and_a_second_run_applies_nothing() throws Exception {
        assertThat(migrate()).contains("schema at version 3 (3 migrations applied)");
        assertThat(migrate()).contains("schema at version 3 (0 migrations applied)");

        List<String> tables = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT relname FROM pg_class WHERE relkind IN ('r','p')"
                     + " AND relnamespace = 'public'::regnamespace ORDER BY relname")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        assertThat(tables).contains("reading", "reading_default", "reading_rollup", "network_loss", "app_user",
                "saved_graph", "web_session");
        assertThat(tables.stream().filter(t -> t.matches("reading_\\d{6}"))).hasSize(4);
    }

    @Test
    void a_reading_stored_twice_under_the_same_identity_is_one_row() throws Exception {
        migrate();
        Timestamp ts = Timestamp.from(Instant.now());
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO reading (codifier, ts, seq, kind, value)"
                     + " VALUES ('C1', ?, 985818058, 'f', 42) ON CONFLICT DO NOTHING")) {
            insert.setTimestamp(1, ts);
            assertThat(insert.executeUpdate()).isEqualTo(1);
            assertThat(insert.executeUpdate()).isZero();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*), tableoid::regclass::text FROM reading GROUP BY 2")) {
                rows.next();
                assertThat(rows.getLong(1)).isEqualTo(1);
                assertThat(rows.getString(2)).matches("reading_\\d{6}");
            }
        }
    }

    @Test
    void a_month_with_rows_waiting_in_the_default_partition_is_still_made_and_gets_them() throws Exception {
        migrate();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO reading (codifier, ts, seq, kind, value) VALUES"
                    + " ('C1', date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' + interval '6 months 1 day', 1, 'f', 7)");
            assertThat(single(statement, "SELECT tableoid::regclass::text FROM reading")).isEqualTo("reading_default");

            statement.execute("SELECT jph_ensure_partitions(7)");

            assertThat(single(statement, "SELECT tableoid::regclass::text FROM reading")).matches("reading_\\d{6}");
            assertThat(single(statement, "SELECT count(*) FROM reading_default")).isEqualTo("0");
        }
    }

    private static String single(Statement statement, String sql) throws Exception {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    @Test
    void the_schema_refuses_a_plain_text_password_and_a_bad_kind() throws Exception {
        migrate();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            assertThatThrownBy(() -> statement.execute("INSERT INTO app_user (email, password_hash) VALUES ('a@b', 'secret')"))
                    .hasMessageContaining("app_user_password_hash_check");
            assertThatThrownBy(() -> statement.execute("INSERT INTO reading (codifier, ts, seq, kind) VALUES ('C1', now(), 1, 'x')"))
                    .hasMessageContaining("reading_kind_check");
        }
    }

    @Test
    void an_unreachable_database_is_a_one_line_error_and_exit_2() {
        StringWriter err = new StringWriter();
        CommandLine cli = SqlMain.commandLine();
        cli.setErr(new PrintWriter(err, true));
        int exit = cli.execute("migrate", "--url", "jdbc:postgresql://127.0.0.1:1/nowhere", "--user", "postgres");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).startsWith("jph-sql: ");
    }
}
