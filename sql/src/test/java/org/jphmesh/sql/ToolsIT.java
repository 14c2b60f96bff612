package org.jphmesh.sql;

import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** jph-sql user and report on the real PostgreSQL, in a database of the test's own. */
class ToolsIT {

    private final TestDatabase database = new TestDatabase();

    private record Result(int exit, String out, String err) {
    }

    private Result run(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SqlMain.commandLine(new BufferedReader(new StringReader(stdin)));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--url", database.url(), "--user", "postgres"));
        return new Result(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }

    @BeforeEach
    void migrate() {
        assertThat(run("", "migrate").exit()).isZero();
    }

    @AfterEach
    void drop() {
        database.close();
    }

    private String hashOf(String email) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement statement = connection.prepareStatement("SELECT password_hash FROM app_user WHERE email = ?")) {
            statement.setString(1, email);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    @Test
    void a_user_is_added_with_a_bcrypt_hash_read_from_stdin_changed_listed_and_removed() throws Exception {
        assertThat(run("correct horse battery\n", "user", "add", "ann@example.org", "--role", "operator").out())
                .contains("added ann@example.org (operator)");
        String hash = hashOf("ann@example.org");
        assertThat(hash).startsWith("$2a$12$");
        assertThat(BCrypt.verifyer().verify("correct horse battery".toCharArray(), hash).verified).isTrue();

        run("staple of the month\n", "user", "passwd", "ann@example.org");
        assertThat(BCrypt.verifyer().verify("staple of the month".toCharArray(), hashOf("ann@example.org")).verified).isTrue();

        assertThat(run("", "user", "list").out()).contains("ann@example.org").contains("operator");
        assertThat(run("", "user", "remove", "ann@example.org").exit()).isZero();
        assertThat(hashOf("ann@example.org")).isNull();
    }

    @Test
    void a_short_password_a_duplicate_user_and_a_bad_role_are_refused_with_a_reason() throws Exception {
        Result shortPassword = run("ninechars\n", "user", "add", "bob@example.org");
        assertThat(shortPassword.exit()).isEqualTo(2);
        assertThat(shortPassword.err()).contains("password must have at least 10 characters");
        Result emailAsPassword = run("bob@example.org\n", "user", "add", "bob@example.org");
        assertThat(emailAsPassword.exit()).isEqualTo(2);
        assertThat(emailAsPassword.err()).contains("password must not be the account's email");
        assertThat(hashOf("bob@example.org")).isNull();
        run("long enough password\n", "user", "add", "bob@example.org");
        assertThat(run("long enough password\n", "user", "add", "bob@example.org").err()).contains("already exists");
        assertThat(run("", "user", "add", "eve@example.org", "--role", "root").err()).contains("--role must be");
    }

    @Test
    void the_report_gives_count_min_max_mean_and_last_per_codifier_and_day() throws Exception {
        Instant day = Instant.parse("2026-11-20T00:00:00Z");
        double[] c1 = {4, 8, 6, 2};
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO reading (codifier, ts, seq, kind, value) VALUES (?, ?, ?, 'f', ?)")) {
            for (int i = 0; i < c1.length; i++) {
                insert.setString(1, "C1");
                insert.setTimestamp(2, Timestamp.from(day.plusSeconds(3600L * (i + 1))));
                insert.setLong(3, i);
                insert.setDouble(4, c1[i]);
                insert.addBatch();
            }
            insert.setString(1, "C2");
            insert.setTimestamp(2, Timestamp.from(day.plusSeconds(86_400 + 60)));
            insert.setLong(3, 1);
            insert.setDouble(4, 21.5);
            insert.addBatch();
            insert.executeBatch();
        }

        Result report = run("", "report", "--from", "2026-11-20T00:00:00Z", "--to", "2026-11-22T00:00:00Z", "--csv");

        assertThat(report.exit()).isZero();
        assertThat(report.out().lines()).containsExactly(
                "codifier,period,count,min,max,mean,last",
                "C1,2026-11-20T00:00:00Z,4,2,8,5,2",
                "C2,2026-11-21T00:00:00Z,1,21.5,21.5,21.5,21.5");
        assertThat(run("", "report", "--from", "2026-11-20T00:00:00Z", "--to", "2026-11-22T00:00:00Z", "--codifier", "C2")
                .out()).contains("C2").doesNotContain("C1 ");
        assertThat(run("", "report", "--period", "fortnight").err()).contains("--period must be hour, day, week or month");
    }

    @Test
    void retention_dry_run_names_what_would_go_and_changes_nothing() throws Exception {
        Path config = Files.createTempFile("jph-retention", ".json");
        try {
            Files.writeString(config, "{\"Sensors\":[{\"Codifier\":\"Q1\",\"Type\":\"Collector\",\"Sensor\":{"
                    + "\"SQL\":{\"Database\":\"x\",\"User\":\"postgres\"},\"Retention\":{\"Raw\":\"400d\"}}}]}");
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE reading_203801 PARTITION OF reading FOR VALUES FROM ('2038-01-01Z') TO ('2038-02-01Z')");
                statement.execute("CREATE TABLE reading_203902 PARTITION OF reading FOR VALUES FROM ('2039-02-01Z') TO ('2039-03-01Z')");
                statement.execute("INSERT INTO reading (codifier, ts, seq, kind, value) VALUES ('C1', '2038-01-05Z', 1, 'f', 1)");
            }

            Result dryRun = run("", "retention", "--dry-run", "--at", "2040-03-15T00:00:00Z", "-u", config.toString(), "-c", "Q1");

            assertThat(dryRun.exit()).as(dryRun.err()).isZero();
            assertThat(dryRun.out()).contains("would drop partition reading_203801 (1 readings of 2038-01)")
                    .doesNotContain("reading_203902");
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                 ResultSet left = statement.executeQuery("SELECT count(*) FROM reading_203801")) {
                left.next();
                assertThat(left.getLong(1)).isOne();
            }
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
