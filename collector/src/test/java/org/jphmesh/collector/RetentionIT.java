package org.jphmesh.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jphmesh.app.retention.Retention;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestClock;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The collector's daily retention on the real PostgreSQL, in a database of the test's own, at a moment the test
 * chooses (2040-03-15): months 2038-10 to 2040-03 are partitions, each holding one reading of S1 and one of S2.
 */
class RetentionIT {

    private static final Instant NOW = Instant.parse("2040-03-15T00:00:00Z");
    private static final String RETENTION = "\"Retention\":{\"Raw\":\"400d\",\"TenMinutes\":\"2y\",\"Hour\":\"forever\","
            + "\"Codifiers\":{\"S1\":{\"Raw\":\"60d\"}}}";

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final TestDatabase database = new TestDatabase();
    private Collector collector;

    @AfterEach
    void tearDown() {
        if (collector != null) {
            collector.close();
        }
        database.close();
    }

    @Test
    void retention_drops_exactly_the_partitions_past_their_horizon_and_nothing_else() throws Exception {
        migrate();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            // The partitions of the test's months only: those jph_ensure_partitions made for today would go too.
            statement.execute("DO $$ DECLARE t text; BEGIN FOR t IN SELECT c.relname FROM pg_inherits i JOIN pg_class c"
                    + " ON c.oid = i.inhrelid WHERE i.inhparent = 'reading'::regclass AND c.relname <> 'reading_default'"
                    + " LOOP EXECUTE 'DROP TABLE ' || t; END LOOP; END $$");
            for (YearMonth month = YearMonth.of(2038, 10); !month.isAfter(YearMonth.of(2040, 3)); month = month.plusMonths(1)) {
                statement.execute(String.format("CREATE TABLE reading_%s PARTITION OF reading FOR VALUES FROM ('%s') TO ('%s')",
                        month.toString().replace("-", ""), start(month), start(month.plusMonths(1))));
                insertReading(connection, "S1", month);
                insertReading(connection, "S2", month);
            }
            // A ten-minute rollup past its two years, and one inside them.
            statement.execute("INSERT INTO reading_rollup (codifier, period, bucket, count, mean) VALUES"
                    + " ('S2', '10min', '2038-03-01T00:00:00Z', 1, 1), ('S2', '10min', '2038-04-01T00:00:00Z', 1, 1)");
        }

        collector = Collector.start(NodeOptions.of(Codifier.of("Q1"), config().toString()).withClock(new TestClock(NOW.toEpochMilli())),
                new Collector.Roles(database.settings(), dir.resolve("spool"), Collector.DEFAULT_SPOOL_CAP_BYTES, null,
                        Retention.fromEntry(ConfigLoader.load(config().toString()).sensor(Codifier.of("Q1")).orElseThrow())));
        collector.refreshSummaries();

        // 400 days before is 2039-02-08: every month up to January 2039 is past every codifier's horizon.
        assertThat(partitions()).containsExactlyElementsOf(monthsFrom(YearMonth.of(2039, 2), YearMonth.of(2040, 3)));
        assertThat(strings("SELECT to_char(ts, 'YYYY-MM') FROM reading WHERE codifier = 'S2' ORDER BY ts"))
                .containsExactlyElementsOf(monthsFrom(YearMonth.of(2039, 2), YearMonth.of(2040, 3)).stream()
                        .map(table -> table.substring(8, 12) + "-" + table.substring(12)).toList());
        // S1 keeps 60 days, a month at a time: January 2040 on.
        assertThat(strings("SELECT to_char(ts, 'YYYY-MM') FROM reading WHERE codifier = 'S1' ORDER BY ts"))
                .containsExactly("2040-01", "2040-02", "2040-03");
        // The rollups of what went were made before it went; the hourly ones are kept forever.
        assertThat(strings("SELECT to_char(bucket, 'YYYY-MM') || ' ' || codifier FROM reading_rollup"
                + " WHERE period = 'hour' AND bucket < '2039-02-01' ORDER BY 1")).containsExactly(
                "2038-10 S1", "2038-10 S2", "2038-11 S1", "2038-11 S2", "2038-12 S1", "2038-12 S2", "2039-01 S1", "2039-01 S2");
        assertThat(strings("SELECT to_char(bucket, 'YYYY-MM') FROM reading_rollup WHERE period = '10min' AND bucket < '2038-10-01'"))
                .containsExactly("2038-04");
    }

    @Test
    void readings_keep_being_stored_while_retention_drops_partitions_and_deletes_rows() throws Exception {
        migrate();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            for (YearMonth month = YearMonth.of(2024, 1); month.isBefore(YearMonth.of(2025, 1)); month = month.plusMonths(1)) {
                statement.execute(String.format("CREATE TABLE reading_%s PARTITION OF reading FOR VALUES FROM ('%s') TO ('%s')",
                        month.toString().replace("-", ""), start(month), start(month.plusMonths(1))));
                insertMany(statement, month);
            }
            // Past S1's 60 days but in no partition of its own: row deletes, batch after batch.
            insertMany(statement, YearMonth.of(2026, 9));
        }
        Path config = mesh.writeConfig(dir, String.join(",", TestMesh.entry("Q1", "Collector", 60, 60, "\"Sensor\":{" + RETENTION + "}"),
                TestMesh.entry("S9", "Simulated", 60, 60, "")));
        collector = Collector.start(NodeOptions.of(Codifier.of("Q1"), config.toString()),
                new Collector.Roles(database.settings(), dir.resolve("spool"), Collector.DEFAULT_SPOOL_CAP_BYTES, null,
                        Retention.fromEntry(ConfigLoader.load(config.toString()).sensor(Codifier.of("Q1")).orElseThrow())));
        try (Node sensor = Node.start(NodeOptions.of(Codifier.of("S9"), config.toString()), new RecordingCallbacks())) {
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                sensor.sendData(Codifier.of("S9"), -1L);
                return collector.writer().stored() > 0;
            });
            Thread stream = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    sensor.sendData(Codifier.of("S9"), (long) i);
                    // Pacing, not waiting: about 1,000 readings a second, for as long as retention runs.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            }, "reading-stream");
            stream.start();
            // Today's horizons: 2024's partitions are dropped and S1's rows of 2026-09 deleted while S9's stream is stored.
            collector.refreshSummaries();
            stream.join(TimeUnit.SECONDS.toMillis(60));

            await().atMost(Duration.ofSeconds(30)).until(() -> count("SELECT count(*) FROM reading WHERE codifier = 'S9' AND value >= 0") == 2_000);
            assertThat(count("SELECT count(*) FROM reading WHERE codifier = 'S1'")).isZero();
        }
    }

    private static void insertMany(Statement statement, YearMonth month) throws Exception {
        statement.execute("INSERT INTO reading (codifier, ts, seq, kind, value) SELECT 'S1', '" + start(month)
                + "'::timestamptz + make_interval(secs => n), n, 'f', n FROM generate_series(1, 20000) n");
    }

    private long count(String sql) throws Exception {
        return Long.parseLong(strings(sql).get(0));
    }

    private void migrate() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.url());
        source.setUser("postgres");
        Migrations.migrate(source);
    }

    private Path config() {
        Path config = dir.resolve("config.json");
        if (!config.toFile().exists()) {
            config = mesh.writeConfig(dir, TestMesh.entry("Q1", "Collector", 60, 60, "\"Sensor\":{" + RETENTION + "}"));
        }
        return config;
    }

    private static String start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString();
    }

    private static List<String> monthsFrom(YearMonth first, YearMonth last) {
        List<String> tables = new ArrayList<>();
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            tables.add("reading_" + month.toString().replace("-", ""));
        }
        return tables;
    }

    private static void insertReading(Connection connection, String codifier, YearMonth month) throws Exception {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO reading (codifier, ts, seq, kind, value) VALUES (?, ?, 1, 'f', 20.5)")) {
            insert.setString(1, codifier);
            insert.setTimestamp(2, Timestamp.from(month.atDay(10).atStartOfDay(ZoneOffset.UTC).toInstant()));
            insert.executeUpdate();
        }
    }

    private List<String> partitions() throws Exception {
        return strings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = 'reading'::regclass AND c.relname <> 'reading_default' ORDER BY 1");
    }

    private List<String> strings(String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
