package org.jphmesh.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.jphmesh.app.store.SqlSettings;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TcpProxy;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Nothing lost: a database that goes away, and a collector killed with SIGKILL while it held readings
 * the database had not taken. The database sits behind a {@link TcpProxy} the test can cut.
 */
class CollectorFaultIT {

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final TestDatabase database = new TestDatabase();
    private TcpProxy proxy;
    private Path config;
    private Node sensor;
    private Process collector;

    @BeforeEach
    void setUp() throws Exception {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.url());
        source.setUser("postgres");
        Migrations.migrate(source);
        proxy = new TcpProxy(URI.create(database.url().substring(5)).getPort());
        String databaseName = database.url().substring(database.url().lastIndexOf('/') + 1);
        config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("Q1", "Collector", 60, 60, "\"Sensor\":{\"SQL\":{\"Database\":\"" + databaseName
                        + "\",\"Host\":\"127.0.0.1\",\"Port\":" + proxy.port() + ",\"User\":\"postgres\"},"
                        + "\"Spool\":\"" + dir.resolve("spool") + "\"}"),
                TestMesh.entry("S1", "Simulated", 60, 60, "")));
        sensor = Node.start(NodeOptions.of(Codifier.of("S1"), config.toString()), new RecordingCallbacks());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (collector != null) {
            collector.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        sensor.close();
        proxy.close();
        database.close();
    }

    private Process startCollector() throws Exception {
        return new ProcessBuilder("java", "-Djph.multicast.allowed-interfaces=lo", "-jar", "target/collector.jar",
                "-c", "Q1", "-u", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "collector-fault.log").toFile())).start();
    }

    private long rows(String where) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*), count(DISTINCT seq) FROM reading WHERE " + where)) {
            result.next();
            assertThat(result.getLong(2)).as("no reading stored twice").isEqualTo(result.getLong(1));
            return result.getLong(1);
        }
    }

    // The journal's records: a 2-byte length, then the datagram, in segment files named NNN.journal.
    private long journalRecords() throws IOException {
        long records = 0;
        try (Stream<Path> files = Files.list(dir.resolve("spool"))) {
            for (Path segment : files.filter(f -> f.getFileName().toString().endsWith(".journal")).toList()) {
                ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment));
                while (bytes.remaining() >= 2) {
                    int length = bytes.getShort() & 0xFFFF;
                    if (length > bytes.remaining()) {
                        break;
                    }
                    bytes.position(bytes.position() + length);
                    records++;
                }
            }
        }
        return records;
    }

    private void send(int count) {
        for (int i = 0; i < count; i++) {
            sensor.sendData(Codifier.of("S1"), (long) i);
            if (i % 50 == 49) {
                // Pacing, not waiting: bursts of 50 that a busy collector's socket buffer takes whole.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    @Test
    void readings_received_while_the_database_is_away_survive_a_sigkill_and_are_stored_once_after_restart()
            throws Exception {
        collector = startCollector();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sensor.sendData(Codifier.of("S1"), -1L);
            return rows("codifier = 'S1'") > 0;
        });
        proxy.cut();
        long journaled = journalRecords();
        send(300);
        // Let the collector take the 300 into its journal (however busy the machine), then kill it before the
        // database is back.
        await().atMost(Duration.ofSeconds(20)).until(() -> journalRecords() >= journaled + 300);
        collector.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        assertThat(rows("codifier = 'S1' AND value >= 0")).as("none of the 300 stored before the kill").isZero();

        collector = startCollector();
        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("codifier = 'S1' AND value >= 0") == 300);
        // The journal can be stored before the new collector has joined the bus: wait until it hears readings.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sensor.sendData(Codifier.of("S1"), -2L);
            return rows("codifier = 'S1' AND value = -2") > 0;
        });

        send(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("codifier = 'S1' AND value >= 0") == 500);
        assertThat(rows("codifier = 'S1' AND value >= 0")).isEqualTo(500);
    }

    @Test
    void a_collector_that_starts_while_the_database_is_away_journals_and_stores_once_it_answers() throws Exception {
        proxy.cut();
        collector = startCollector();
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(dir.resolve("spool")));
        // Once a probe reaches the journal, the collector is on the bus.
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sensor.sendData(Codifier.of("S1"), -1L);
            return journalRecords() > 0;
        });
        send(100);

        proxy.restore();

        await().atMost(Duration.ofSeconds(30)).until(() -> rows("codifier = 'S1' AND value >= 0") == 100);
        assertThat(collector.isAlive()).isTrue();
    }

    @Test
    void the_same_collector_keeps_its_readings_through_an_outage_and_catches_up_when_the_database_returns()
            throws Exception {
        SqlSettings viaProxy = new SqlSettings("jdbc:postgresql://127.0.0.1:" + proxy.port()
                + database.url().substring(database.url().lastIndexOf('/')), "postgres", null);
        try (Collector q1 = Collector.start(NodeOptions.of(Codifier.of("Q1"), config.toString()), viaProxy,
                dir.resolve("spool-inproc"), Collector.DEFAULT_SPOOL_CAP_BYTES)) {
            send(100);
            await().atMost(Duration.ofSeconds(10)).until(() -> rows("codifier = 'S1'") == 100);

            proxy.cut();
            send(400);
            await().atMost(Duration.ofSeconds(10)).until(() -> q1.writer().inOutage());
            assertThat(q1.journal().appended()).as("500 readings and the sequence announcement").isEqualTo(501);

            proxy.restore();
            assertThat(q1.writer().flush(Duration.ofSeconds(60))).isTrue();
            assertThat(rows("codifier = 'S1'")).isEqualTo(500);
            assertThat(q1.writer().failures()).isPositive();
        }
    }
}
