package org.jphmesh.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.jphmesh.app.store.RedisClients;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.Prerequisite;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A collector whose {@code Sensor.Redis} names three sentinels and the master they watch, all started by the test:
 * the master is killed mid-stream, the sentinels promote the replica, and the latest state on the new master is
 * the collector's.
 */
class RedisSentinelIT {

    private static final int READINGS = 2_000;

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final String prefix = "jph-test:" + UUID.randomUUID() + ":";
    private RedisSentinelGroup redis;
    private Collector collector;
    private Node sensor;
    private Node other;

    @AfterEach
    void tearDown() {
        for (AutoCloseable closeable : new AutoCloseable[] {other, sensor, collector, redis}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void the_latest_state_is_right_on_the_new_master_after_the_old_one_is_killed_mid_stream() throws Exception {
        Prerequisite.requireOrSkip("RedisSentinelIT", RedisSentinelGroup.unavailable());
        redis = new RedisSentinelGroup();
        await().atMost(Duration.ofSeconds(60)).until(redis::ready);
        Path config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("R1", "jphRedis", 60, 60, "\"Sensor\":{\"Redis\":{\"Sentinels\":\"" + redis.sentinels()
                        + "\",\"Master\":\"" + RedisSentinelGroup.MASTER_NAME + "\",\"KeyPrefix\":\"" + prefix + "\"}}"),
                TestMesh.entry("S1", "Simulated", 60, 60, ""),
                TestMesh.entry("S2", "Simulated", 60, 60, "")));
        RedisSettings settings = RedisSettings.fromEntry(ConfigLoader.load(config.toString()).sensor(Codifier.of("R1")).orElseThrow());
        collector = Collector.start(NodeOptions.of(Codifier.of("R1"), config.toString()),
                new Collector.Roles(null, null, 0, settings));
        sensor = Node.start(NodeOptions.of(Codifier.of("S1"), config.toString()), new RecordingCallbacks());
        other = Node.start(NodeOptions.of(Codifier.of("S2"), config.toString()), new RecordingCallbacks());
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            other.sendData(Codifier.of("S2"), 42L);
            return "42".equals(hget(redis.masterPort(), "S2"));
        });

        AtomicInteger sent = new AtomicInteger();
        Thread stream = new Thread(() -> {
            for (int i = 1; i <= READINGS; i++) {
                sensor.sendData(Codifier.of("S1"), (long) i);
                sent.set(i);
                // Pacing, not waiting: about 200 readings a second, so the failover falls mid-stream.
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }, "reading-stream");
        stream.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> sent.get() >= READINGS / 4);
        redis.killMaster();
        await().atMost(Duration.ofSeconds(60)).until(() -> redis.currentMaster().getPort() == redis.replicaPort());
        stream.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(sent.get()).isEqualTo(READINGS);

        // Read through the sentinels, as the dashboard's seed and a set-point node do.
        await().atMost(Duration.ofSeconds(60)).until(() -> String.valueOf(READINGS).equals(hgetViaSentinels(settings, "S1")));
        assertThat(hgetViaSentinels(settings, "S2")).isEqualTo("42");
        assertThat(collector.state().rewrites()).as("the whole view written to the new master").isPositive();
        assertThat(redis.currentMaster()).isEqualTo(new HostAndPort("127.0.0.1", redis.replicaPort()));
    }

    private String hget(int port, String code) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            return jedis.hget(prefix + code, "Value");
        }
    }

    private String hgetViaSentinels(RedisSettings settings, String code) {
        try (Jedis jedis = RedisClients.jedis(settings, Duration.ofSeconds(2))) {
            return jedis.hget(prefix + code, "Value");
        }
    }
}
