package org.jphmesh.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** From a legacy database (Sensor_XX tables, as the old writer made them) to the new schema, and back as views. */
class LegacyMigrationIT {

    @TempDir
    Path dir;

    private final TestDatabase legacy = new TestDatabase();
    private final TestDatabase target = new TestDatabase();

    @AfterEach
    void drop() {
        legacy.close();
        target.close();
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = SqlMain.commandLine(new BufferedReader(new StringReader("")));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", target.url(), "--user", "postgres"));
        int exit = cli.execute(all.toArray(String[]::new));
        assertThat(exit).as(err.toString()).isZero();
        return out.toString();
    }

    private static void execute(TestDatabase database, String... sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (String line : sql) {
                statement.execute(line);
            }
        }
    }

    private static List<String> rows(TestDatabase database, String sql) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= result.getMetaData().getColumnCount(); i++) {
                    row.append(i > 1 ? "|" : "").append(result.getString(i));
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Test
    void legacy_tables_import_once_and_the_views_give_the_old_reports_their_tables_back() throws Exception {
        execute(legacy,
                "CREATE TABLE Sensor_C1 (Timestamp bigint PRIMARY KEY, Value float NOT NULL)",
                "INSERT INTO Sensor_C1 VALUES (1795320293293, 42.0), (1795320294296, 42.5), (1795320295301, 43.0)",
                "CREATE TABLE Sensor_X3 (Timestamp bigint PRIMARY KEY, Value bool NOT NULL)",
                "INSERT INTO Sensor_X3 VALUES (1795320293000, true), (1795320294000, false)",
                "CREATE TABLE Sensor_C1_10min (Timestamp bigint PRIMARY KEY, Mean float, Mode float, Median float,"
                        + " Max float, Min float, Stdev float)");
        run("migrate");
        Path config = Files.writeString(dir.resolve("config.json"), "{\"Sensors\":[{\"Codifier\":\"C1\",\"Type\":\"TempLinux\"},"
                + "{\"Codifier\":\"X3\",\"Type\":\"Proxy\",\"DataType\":\"bool\"}]}");

        String first = run("import-legacy", "--from-url", legacy.url(), "-u", config.toString());
        String second = run("import-legacy", "--from-url", legacy.url(), "-u", config.toString());

        assertThat(first).contains("sensor_c1 -> C1: 3 rows").contains("imported 5 readings (0 were already there)");
        assertThat(second).contains("imported 0 readings (5 were already there)");
        assertThat(rows(target, "SELECT codifier, kind, value FROM reading ORDER BY codifier, ts"))
                .containsExactly("C1|f|42", "C1|f|42.5", "C1|f|43", "X3|i|1", "X3|i|0");

        // The import rolled its history up: C1's three readings at 04:04 UTC.
        assertThat(first).contains("C1: 2 rollup buckets recomputed");
        assertThat(rows(target, "SELECT period, bucket AT TIME ZONE 'UTC', count, mean, min, max, median, stddev"
                + " FROM reading_rollup WHERE codifier = 'C1' ORDER BY period"))
                .containsExactly("10min|2026-11-22 04:00:00|3|42.5|42|43|42.5|0.5", "hour|2026-11-22 04:00:00|3|42.5|42|43|42.5|0.5");
        // Legacy tables stamped a window with its end, 05:00.
        assertThat(run("legacy-views", "--types-from", config.toString())).contains("legacy views for 2 codifiers");

        assertThat(rows(target, "SELECT timestamp, value FROM sensor_c1 ORDER BY timestamp"))
                .containsExactly("1795320293293|42", "1795320294296|42.5", "1795320295301|43");
        assertThat(rows(target, "SELECT value FROM sensor_x3 ORDER BY timestamp")).containsExactly("t", "f");
        assertThat(rows(target, "SELECT timestamp, mean, mode, median FROM sensor_c1_hour"))
                .containsExactly("1795323600000|42.5|null|42.5");
    }

    @Test
    void a_reading_the_java_collector_already_stored_live_is_not_imported_again() throws Exception {
        execute(legacy,
                "CREATE TABLE Sensor_C1 (Timestamp bigint PRIMARY KEY, Value float NOT NULL)",
                "INSERT INTO Sensor_C1 VALUES (1795320293293, 42.0), (1795320294296, 42.5), (1795320295301, 43.0)");
        run("migrate");
        // Both collectors ran side by side: the Java one stored two of the three with their real sequence numbers.
        execute(target, "INSERT INTO reading (codifier, ts, seq, kind, value) VALUES"
                + " ('C1', to_timestamp(1795320294296 / 1000.0), 885122, 'f', 42.5),"
                + " ('C1', to_timestamp(1795320295301 / 1000.0), 885123, 'f', 43)");

        String output = run("import-legacy", "--from-url", legacy.url());

        assertThat(output).contains("sensor_c1 -> C1: 1 rows, 2 already there").contains("imported 1 readings (2 were already there)");
        assertThat(rows(target, "SELECT seq, value FROM reading WHERE codifier = 'C1' ORDER BY ts"))
                .containsExactly("0|42", "885122|42.5", "885123|43");
    }
}
