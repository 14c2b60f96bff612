package org.jphmesh.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/** The latest state in the machine's real Redis (127.0.0.1:6379), under a key prefix of the test's own. */
class RedisStateIT {

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final String prefix = "jph-test:" + UUID.randomUUID() + ":";
    private final Jedis redis = new Jedis("127.0.0.1", 6379);
    private Path config;
    private Collector collector;
    private Node sensor;
    private Node console;

    @BeforeEach
    void setUp() {
        config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("R1", "jphRedis", 60, 60, ""),
                TestMesh.entry("S1", "Simulated", 60, 60, "")));
    }

    @AfterEach
    void tearDown() {
        for (AutoCloseable closeable : new AutoCloseable[] {console, sensor, collector}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        for (String key : redis.keys(prefix + "*")) {
            redis.del(key);
        }
        redis.close();
    }

    @Test
    void each_codifier_has_a_hash_with_the_legacy_fields_and_the_live_channel_says_what_changed() throws Exception {
        List<String> live = new CopyOnWriteArrayList<>();
        Thread subscriber = new Thread(() -> {
            try (Jedis listen = new Jedis("127.0.0.1", 6379)) {
                listen.subscribe(new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        live.add(message);
                    }
                }, prefix + "live");
            } catch (RuntimeException e) {
                // Closed at the end of the test.
            }
        });
        subscriber.setDaemon(true);
        subscriber.start();
        collector = Collector.start(NodeOptions.of(Codifier.of("R1"), config.toString()),
                new Collector.Roles(null, null, 0, new RedisSettings("127.0.0.1", 6379, null, prefix)));
        sensor = Node.start(NodeOptions.of(Codifier.of("S1"), config.toString()), new RecordingCallbacks());
        console = Node.start(NodeOptions.of(Codifier.of("CK"), config.toString()), new RecordingCallbacks());

        sensor.sendData(21.5);
        console.sendControl(Flag.HALT, Codifier.of("S1"));

        await().atMost(Duration.ofSeconds(5)).until(() -> "False".equals(redis.hget(prefix + "S1", "IsActive")));
        Map<String, String> s1 = redis.hgetAll(prefix + "S1");
        assertThat(s1).containsEntry("Codifier", "S1").containsEntry("Value", "21.5").containsEntry("DPacketsLost", "0")
                .containsKeys("DTimestamp", "DResetTime", "ITimestamp", "CResetTime");
        // As jphRedis wrote it: a command sets the sender's field, not the target's.
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.hget(prefix + "CK", "HTimestamp") != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> live.stream().anyMatch(m -> m.contains("\"S1\"")));
        subscriber.interrupt();
    }

    @Test
    void values_and_ping_times_reach_redis_as_jphredis_wrote_them() throws Exception {
        collector = Collector.start(NodeOptions.of(Codifier.of("R1"), config.toString()),
                new Collector.Roles(null, null, 0, new RedisSettings("127.0.0.1", 6379, null, prefix)));
        sensor = Node.start(NodeOptions.of(Codifier.of("S1"), config.toString()), new RecordingCallbacks());
        console = Node.start(NodeOptions.of(Codifier.of("CK"), config.toString()), new RecordingCallbacks());
        Codifier s1 = Codifier.of("S1");
        Map<DataPayload, String> expected = new java.util.LinkedHashMap<>();
        expected.put(Readings.of(7L), "7");
        expected.put(Readings.json("{\"value\":true}"), "True");
        expected.put(Readings.json("{\"value\":\"text\"}"), "text");
        expected.put(Readings.json("{\"stored\":3}"), "{\"stored\":3}");
        expected.put(Readings.of(21.3f), "21.3");

        for (Map.Entry<DataPayload, String> reading : expected.entrySet()) {
            sensor.send(s1, reading.getKey());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                    assertThat(redis.hget(prefix + "S1", "Value")).isEqualTo(reading.getValue()));
        }
        console.ping(s1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.hget(prefix + "S1", "TRequest") != null
                && redis.hget(prefix + "CK", "PRequest") != null);
        assertThat(redis.hget(prefix + "CK", "PRequest")).matches("\\d{13}\\.\\d+").doesNotContain("E");
        assertThat(redis.hget(prefix + "S1", "TRequest")).isEqualTo(redis.hget(prefix + "CK", "PRequest"));
    }

    @Test
    void an_unreachable_redis_neither_blocks_nor_loses_what_goes_to_postgresql() throws Exception {
        try (TestDatabase database = new TestDatabase()) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(database.url());
            source.setUser("postgres");
            Migrations.migrate(source);
            collector = Collector.start(NodeOptions.of(Codifier.of("R1"), config.toString()),
                    new Collector.Roles(database.settings(), dir.resolve("spool"), Collector.DEFAULT_SPOOL_CAP_BYTES,
                            new RedisSettings("127.0.0.1", 1, null, prefix)));
            sensor = Node.start(NodeOptions.of(Codifier.of("S1"), config.toString()), new RecordingCallbacks());

            for (int i = 0; i < 300; i++) {
                sensor.sendData(Codifier.of("S1"), (long) i);
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> collector.writer().stored() == 300);
            await().atMost(Duration.ofSeconds(5)).until(() -> collector.state().failures() > 0);
            collector.close();
            collector = null;
        }
    }
}
