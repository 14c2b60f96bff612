package org.jphmesh.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sensor.setpoint.ControlSensorDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** A controlSensor as the legacy one behaved: read out at once on A/E, its set-point kept, alive every interval. */
class ControlSensorIT {

    private static final Codifier FG = Codifier.of("FG");
    private static final Codifier S1 = Codifier.of("S1");

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final String prefix = "jph-test:" + UUID.randomUUID() + ":";
    private final List<Node> nodes = new ArrayList<>();
    private final RecordingCallbacks console = new RecordingCallbacks();
    private Path config;
    private Node ck;

    private void writeConfig(String redisBlock, double interval) {
        config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("FG", "controlSensor", interval, 1, "\"Control\":\"enabled\",\"Sensor\":{\"Default\":21,"
                        + "\"StateFile\":\"" + dir.resolve("state/FG.json") + "\",\"Redis\":" + redisBlock + "}"),
                TestMesh.entry("S1", "Simulated", 0.2, 1, "")));
    }

    @BeforeEach
    void defaults() {
        writeConfig("{\"Port\":1}", 60);
    }

    @AfterEach
    void stop() {
        nodes.forEach(Node::close);
        if (ck != null) {
            ck.close();
        }
        try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
            redis.keys(prefix + "*").forEach(redis::del);
        }
    }

    // The console listens first: a node's first reading is sent as it starts.
    private DriverCallbacks start(Codifier code) {
        if (ck == null) {
            ck = Node.start(NodeOptions.of(Codifier.of("CK"), config.toString()), console);
        }
        MeshConfig loaded = ConfigLoader.load(config.toString());
        DriverCallbacks callbacks = new DriverCallbacks(loaded.sensor(code).orElseThrow(), loaded,
                (entry, mesh) -> DriverRegistry.forType(entry.type()).orElseThrow().create(entry, mesh));
        nodes.add(Node.start(NodeOptions.of(code, config.toString()), callbacks));
        return callbacks;
    }

    private List<Frame> readings(Codifier from) {
        return console.heard(f -> f.from().equals(from) && f.channel() == BusChannel.DATA && f.flag() != Flag.DATA_SEQUENCE);
    }

    private Frame lastReading(Codifier from) {
        List<Frame> all = readings(from);
        return all.isEmpty() ? null : all.get(all.size() - 1);
    }

    @Test
    void a_set_point_is_read_out_at_once_and_kept_through_a_reload_and_a_restart() {
        DriverCallbacks fg = start(FG);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastReading(FG) != null);
        assertThat(lastReading(FG).payload()).isEqualTo(Readings.of(21.0));

        // SensorInterval is 60 s: only an immediate reading can arrive within the wait.
        ck.sendControl(Flag.SET, FG, 23.5);
        await().atMost(Duration.ofSeconds(5)).until(() -> Readings.of(23.5).equals(lastReading(FG).payload()));
        ck.sendControl(Flag.STEP, FG, -1);
        await().atMost(Duration.ofSeconds(5)).until(() -> Readings.of(22.5).equals(lastReading(FG).payload()));

        Object before = fg.runner().driver();
        ck.sendControl(Flag.RELOAD, FG);
        await().atMost(Duration.ofSeconds(5)).until(() -> fg.runner() != null && fg.runner().driver() != before);
        assertThat(((ControlSensorDriver) fg.runner().driver()).value()).isEqualTo(22.5);

        nodes.remove(0).close();
        int heardBefore = readings(FG).size();
        start(FG);
        await().atMost(Duration.ofSeconds(10)).until(() -> readings(FG).size() > heardBefore);
        assertThat(lastReading(FG).payload()).as("the first reading after a restart").isEqualTo(Readings.of(22.5));
    }

    @Test
    void a_set_point_starts_from_redis_where_the_collector_kept_it_as_the_legacy_one_did() {
        writeConfig("{\"Host\":\"127.0.0.1\",\"Port\":6379,\"KeyPrefix\":\"" + prefix + "\"}", 60);
        try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
            redis.hset(prefix + "FG", Map.of("Value", "19.5", "DTimestamp", Long.toString(System.currentTimeMillis())));
        }

        start(FG);

        await().atMost(Duration.ofSeconds(10)).until(() -> lastReading(FG) != null);
        assertThat(lastReading(FG).payload()).isEqualTo(Readings.of(19.5));
    }

    @Test
    void a_set_point_sends_alive_every_keep_alive_interval_and_a_sensor_reading_well_does_not() {
        writeConfig("{\"Port\":1}", 0.2);
        start(FG);
        start(S1);

        // FG reports five times a second and still says it lives every second, as the legacy controlSensor did.
        await().atMost(Duration.ofSeconds(10)).until(() -> console.heard(f -> f.from().equals(FG)
                && f.flag() == Flag.ALIVE).size() >= 3);
        // S1 reads well five times a second: its good reads postpone the keep-alive, so it sends none.
        await().atMost(Duration.ofSeconds(10)).until(() -> readings(S1).size() >= 20);
        assertThat(console.heard(f -> f.from().equals(S1) && f.flag() == Flag.ALIVE)).isEmpty();
    }
}
