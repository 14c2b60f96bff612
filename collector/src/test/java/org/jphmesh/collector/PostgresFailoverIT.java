package org.jphmesh.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jphmesh.app.store.SqlSettings;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.ReplicatedPostgres;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sql.ReplicatedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector whose {@code Sensor.SQL.Host} lists a primary and its streaming replica, both started by the test:
 * the primary crashes and the replica is promoted while readings stream in; the journal covers the gap and the
 * collector finds the new primary by itself.
 */
class PostgresFailoverIT {

    private static final int READINGS = 3_000;

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private ReplicatedDatabase database;
    private Collector collector;
    private Node sensor;

    @AfterEach
    void tearDown() {
        if (sensor != null) {
            sensor.close();
        }
        if (collector != null) {
            collector.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void every_reading_is_stored_once_when_the_replica_is_promoted_mid_stream() throws Exception {
        database = ReplicatedDatabase.start("PostgresFailoverIT");
        ReplicatedPostgres servers = database.servers();
        await().atMost(Duration.ofSeconds(30)).until(() -> "sync".equals(servers.replicaSyncState()));

        Path config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("Q1", "Collector", 60, 60, "\"Sensor\":{\"SQL\":{\"Database\":\"jph\",\"User\":\"postgres\","
                        + "\"Host\":\"127.0.0.1:" + servers.primaryPort() + ",127.0.0.1:" + servers.replicaPort() + "\"}}"),
                TestMesh.entry("S1", "Simulated", 60, 60, "")));
        SqlSettings sql = SqlSettings.fromEntry(ConfigLoader.load(config.toString()).sensor(Codifier.of("Q1")).orElseThrow());
        collector = Collector.start(NodeOptions.of(Codifier.of("Q1"), config.toString()), sql, dir.resolve("spool"),
                Collector.DEFAULT_SPOOL_CAP_BYTES);
        sensor = Node.start(NodeOptions.of(Codifier.of("S1"), config.toString()), new RecordingCallbacks());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            sensor.sendData(Codifier.of("S1"), -1L);
            return collector.writer().stored() > 0;
        });

        AtomicInteger sent = new AtomicInteger();
        Thread stream = new Thread(() -> {
            for (int i = 0; i < READINGS; i++) {
                sensor.sendData(Codifier.of("S1"), (long) i);
                sent.incrementAndGet();
                // Pacing, not waiting: about 1,000 readings a second, so the failover falls mid-stream.
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(1_000));
            }
        }, "reading-stream");
        stream.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() >= READINGS / 3);
        servers.crashPrimary();
        servers.promoteReplica();
        stream.join(TimeUnit.SECONDS.toMillis(60));

        assertThat(sent.get()).as("readings sent after the primary crashed").isEqualTo(READINGS);
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(servers.replicaPort()) == READINGS);
        assertThat(distinctStored(servers.replicaPort())).as("no reading stored twice").isEqualTo(READINGS);
    }

    private static long stored(int port) throws Exception {
        return count(port, "SELECT count(*) FROM reading WHERE codifier = 'S1' AND value >= 0");
    }

    private static long distinctStored(int port) throws Exception {
        return count(port, "SELECT count(DISTINCT value) FROM reading WHERE codifier = 'S1' AND value >= 0");
    }

    private static long count(int port, String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/jph", "postgres", null);
             Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
