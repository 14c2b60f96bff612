package org.jphmesh.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.json.JsonTree;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** Collectors on a private loopback bus writing to a database of the test's own on the real PostgreSQL. */
class CollectorIT {

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final TestDatabase database = new TestDatabase();
    private final List<AutoCloseable> running = new ArrayList<>();
    private Path config;

    @BeforeEach
    void setUp() {
        config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("Q1", "Collector", 1, 60, ""),
                TestMesh.entry("Q2", "Collector", 1, 60, ""),
                TestMesh.entry("S1", "Simulated", 60, 60, "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"S2\"}]}"),
                "{\"Codifier\":\"S2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"S1\"}}"));
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
        database.close();
    }

    private void migrate() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.url());
        source.setUser("postgres");
        Migrations.migrate(source);
    }

    private Collector collector(String code) {
        Collector collector = Collector.start(NodeOptions.of(Codifier.of(code), config.toString()), database.settings(),
                dir.resolve("spool-" + code), Collector.DEFAULT_SPOOL_CAP_BYTES);
        running.add(collector);
        return collector;
    }

    private Node node(String code) {
        Node node = Node.start(NodeOptions.of(Codifier.of(code), config.toString()), new RecordingCallbacks());
        running.add(node);
        return node;
    }

    private long count(String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    @Test
    void the_collectors_own_reading_is_rows_per_minute_as_a_whole_number_as_the_legacy_collectors_sent() throws Exception {
        migrate();
        collector("Q1");
        Node s1 = node("S1");
        RecordingCallbacks console = new RecordingCallbacks();
        running.add(Node.start(NodeOptions.of(Codifier.of("CK"), config.toString()), console));

        for (int i = 0; i < 300; i++) {
            s1.sendData(Codifier.of("S1"), (long) i);
        }

        // Q1's interval is 1 s: 300 rows in one interval is about 18,000 a minute, never the 300/s of before.
        await().atMost(Duration.ofSeconds(15)).until(() -> console.data.stream()
                .filter(f -> f.from().equals(Codifier.of("Q1")) && f.flag() == Flag.JSON)
                .map(CollectorIT::report)
                .anyMatch(report -> report.get("stored").asLong() == 300 && report.get("value").asLong() > 300));
        assertThat(console.data).filteredOn(f -> f.from().equals(Codifier.of("Q1")) && f.flag() == Flag.JSON)
                .allSatisfy(f -> assertThat(report(f).get("value").isIntegralNumber()).isTrue());
    }

    private static JsonNode report(Frame frame) {
        try {
            return JsonTree.read(((JsonReading) frame.payload()).json());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void every_reading_heard_is_stored_once_with_its_kind_value_text_and_epoch() throws Exception {
        migrate();
        Collector q1 = collector("Q1");
        Node s1 = node("S1");
        Codifier s2 = Codifier.of("S2");

        for (int i = 0; i < 100; i++) {
            s1.sendData(Codifier.of("S1"), 20.5 + i);
            s1.sendData(s2, (long) i);
        }
        s1.sendText(s2, "door open");
        s1.sendJson(s2, "{\"voltage\":1.875,\"value\":23.25}");

        await().atMost(Duration.ofSeconds(10)).until(() -> q1.writer().stored() == 202);
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(202);
        assertThat(count("SELECT count(*) FROM reading WHERE codifier = 'S1' AND kind = 'f'")).isEqualTo(100);
        assertThat(count("SELECT sum(value)::bigint FROM reading WHERE codifier = 'S2' AND kind = 'i'")).isEqualTo(4950);
        assertThat(count("SELECT count(*) FROM reading WHERE payload = 'door open' AND value IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM reading WHERE kind = 'j' AND value = 23.25")).isEqualTo(1);
        assertThat(count("SELECT count(DISTINCT epoch) FROM reading WHERE epoch IS NOT NULL")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM reading WHERE codifier = 'S1' AND value = 119.5")).isEqualTo(1);
    }

    @Test
    void a_datagram_received_three_times_is_stored_once() throws Exception {
        migrate();
        Collector q1 = collector("Q1");
        Frame start = Frame.data(700, System.currentTimeMillis(), Codifier.of("S1"), new SequenceStart(700));
        Frame reading = Frame.data(701, System.currentTimeMillis(), Codifier.of("S1"), new FloatReading(21.5f));

        try (LoopbackSender sender = new LoopbackSender()) {
            sender.send(LoopbackSender.encode(start), mesh.dataGroup(), mesh.dataPort());
            for (int i = 0; i < 3; i++) {
                sender.send(LoopbackSender.encode(reading), mesh.dataGroup(), mesh.dataPort());
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> q1.writer().stored() + q1.writer().repeated() == 3);
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(1);
        assertThat(q1.writer().repeated()).isEqualTo(2);
        assertThat(q1.node().accounting().stats(Codifier.of("S1"), org.jphmesh.bus.frame.BusChannel.DATA)
                .orElseThrow().duplicated()).isEqualTo(2);
    }

    @Test
    void two_collectors_on_one_bus_and_one_database_store_each_reading_once() throws Exception {
        migrate();
        Collector q1 = collector("Q1");
        Collector q2 = collector("Q2");
        Node s1 = node("S1");

        for (int i = 0; i < 500; i++) {
            s1.sendData(Codifier.of("S1"), (long) i);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM reading WHERE codifier = 'S1'") == 500
                && q1.writer().repeated() + q2.writer().repeated() == 500);
        assertThat(q1.writer().flush(Duration.ofSeconds(5))).isTrue();
        assertThat(q2.writer().flush(Duration.ofSeconds(5))).isTrue();
        // Each reading reached both: one stored it, the other found it there. Nothing twice, nothing lost.
        assertThat(count("SELECT count(*) FROM reading WHERE codifier = 'S1'")).isEqualTo(500);
        assertThat(q1.writer().repeated() + q2.writer().repeated()).isEqualTo(500);
        assertThat(q1.journal().refused() + q2.journal().refused()).isZero();
    }

    @Test
    void rollups_match_figures_computed_independently_and_the_loss_table_shows_a_gap() throws Exception {
        migrate();
        Collector q1 = collector("Q1");
        long bucket = System.currentTimeMillis() / 600_000 * 600_000;
        double[] values = {3, 9, 4, 10, 1};
        try (LoopbackSender sender = new LoopbackSender()) {
            sender.send(LoopbackSender.encode(Frame.data(10, bucket + 1, Codifier.of("S1"), new SequenceStart(10))), mesh.dataGroup(), mesh.dataPort());
            long seq = 11;
            for (double value : values) {
                sender.send(LoopbackSender.encode(Frame.data(seq, bucket + seq, Codifier.of("S1"), new FloatReading((float) value))),
                        mesh.dataGroup(), mesh.dataPort());
                // Sequence 13 and 14 are never sent: a gap of two.
                seq += seq == 12 ? 3 : 1;
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> q1.writer().stored() == 5);

        q1.refreshSummaries();

        double mean = java.util.Arrays.stream(values).average().orElseThrow();
        double variance = java.util.Arrays.stream(values).map(v -> (v - mean) * (v - mean)).sum() / (values.length - 1);
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rollup = statement.executeQuery("SELECT count, mean, min, max, median, stddev FROM reading_rollup"
                     + " WHERE codifier = 'S1' AND period = '10min'")) {
            assertThat(rollup.next()).isTrue();
            assertThat(rollup.getLong(1)).isEqualTo(5);
            assertThat(rollup.getDouble(2)).isCloseTo(mean, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(rollup.getDouble(3)).isEqualTo(1);
            assertThat(rollup.getDouble(4)).isEqualTo(10);
            assertThat(rollup.getDouble(5)).isEqualTo(4);
            assertThat(rollup.getDouble(6)).isCloseTo(Math.sqrt(variance), org.assertj.core.data.Offset.offset(1e-9));
        }
        assertThat(count("SELECT count(*) FROM reading_rollup WHERE codifier = 'S1' AND period = 'hour'")).isEqualTo(1);
        assertThat(count("SELECT lost FROM network_loss WHERE codifier = 'S1' AND channel = 'data' AND collector = 'Q1'"))
                .isEqualTo(2);
    }

    @Test
    void readings_postgresql_cannot_take_as_sent_never_stop_the_writer() throws Exception {
        migrate();
        Collector q1 = collector("Q1");
        long now = System.currentTimeMillis();
        try (LoopbackSender sender = new LoopbackSender()) {
            for (Frame frame : List.of(
                    Frame.data(1, now, Codifier.of("A,"), new FloatReading(1f)),
                    Frame.data(1, now, Codifier.of("\"\""), new FloatReading(2f)),
                    Frame.data(2, now, Codifier.of("S1"), new org.jphmesh.bus.frame.TextReading("before\u0000after")),
                    Frame.data(3, 253_402_300_800_000L, Codifier.of("S1"), new FloatReading(3f)),
                    Frame.data(4, now, Codifier.of("S1"), new FloatReading(4f)))) {
                sender.send(LoopbackSender.encode(frame), mesh.dataGroup(), mesh.dataPort());
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM reading") == 4);
        assertThat(count("SELECT count(*) FROM reading WHERE codifier IN ('A,', '\"\"')")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM reading WHERE payload = 'before\uFFFDafter'")).isEqualTo(1);
        node("S1").sendData(Codifier.of("S1"), 5.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM reading WHERE value = 5") == 1);
    }

    @Test
    void a_row_the_database_refuses_is_set_aside_and_the_rest_of_its_batch_is_stored() throws Exception {
        migrate();
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.url());
        source.setUser("postgres");
        org.jphmesh.collector.store.postgres.RejectedRows rejected =
                new org.jphmesh.collector.store.postgres.RejectedRows(dir.resolve("rejected.csv"));
        var store = new org.jphmesh.collector.store.postgres.PostgresReadingStore(source, rejected);
        long now = System.currentTimeMillis();
        List<org.jphmesh.collector.ingest.ReadingRow> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // Row 6 is dated in the year 300,000: past what PostgreSQL's timestamptz can hold.
            long ts = i == 6 ? 9_400_000_000_000_000L : now + i;
            batch.add(new org.jphmesh.collector.ingest.ReadingRow("S1", ts, i, 'f', (double) i, null, null));
        }

        assertThat(store.write(batch)).isEqualTo(9);
        assertThat(rejected.count()).isEqualTo(1);
        assertThat(java.nio.file.Files.readString(dir.resolve("rejected.csv"))).contains("S1").contains(",6,f,6.0,");
        assertThat(count("SELECT count(*) FROM reading")).isEqualTo(9);
    }

    @Test
    void a_journal_cap_below_two_segments_is_refused_with_the_minimum() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Collector.Roles(database.settings(), dir, 1_000_000, null))
                .hasMessageContaining("Sensor.SpoolCapBytes must be at least " + Collector.MIN_SPOOL_CAP_BYTES);
    }

    @Test
    void a_database_without_the_schema_is_refused_with_what_to_run() {
        assertThatThrownBy(() -> collector("Q1")).hasMessageContaining("has no JPH schema: run jph-sql migrate");
    }
}
