package org.jphmesh.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.node.PingReply;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A TempLinux node as its own process, through its whole life: read, ping, halt, start, reload, SIGTERM. */
class TempLinuxNodeIT {

    private static final Codifier T1 = Codifier.of("T1");

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final RecordingCallbacks heard = new RecordingCallbacks();
    private Path config;
    private Path thermal;
    private Node console;
    private Process node;

    private String entries(Path pipe) {
        return String.join(",", TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("T1", "TempLinux", 0.2, 1, "\"Sensor\":{\"Pipe\":\"" + pipe + "\"}"));
    }

    @BeforeEach
    void start() throws Exception {
        thermal = Files.writeString(dir.resolve("temp"), "45250\n");
        config = mesh.writeConfig(dir, entries(thermal));
        console = Node.start(NodeOptions.of(Codifier.of("CK"), config.toString()), heard);
        node = new ProcessBuilder("java", "-Djph.multicast.allowed-interfaces=lo", "-jar", "target/sensor-node.jar",
                "-c", "T1", "-u", config.toString()).redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile())
                .start();
    }

    @AfterEach
    void stop() {
        node.destroyForcibly();
        console.close();
    }

    private List<Frame> readings() {
        return heard.heard(f -> f.from().equals(T1) && f.channel() == BusChannel.DATA && f.flag() != Flag.DATA_SEQUENCE);
    }

    @Test
    void the_node_reads_its_file_obeys_halt_start_and_reload_and_stops_cleanly_on_sigterm() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> readings().size() >= 2);
        assertThat(readings().get(0).payload()).isEqualTo(Readings.of(45.25));
        List<PingReply> pong = console.ping(T1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS);
        assertThat(pong).singleElement().extracting(PingReply::active).isEqualTo(true);

        console.sendControl(Flag.HALT, T1);
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.heard(f -> f.from().equals(T1) && f.flag() == Flag.ALIVE
                && !f.control().active()).size() == 1);
        int whileHalted = readings().size();
        // Five SensorIntervals halted: at most the reading already under way, and nothing after it.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> readings().size() <= whileHalted + 1);

        console.sendControl(Flag.START, T1);
        await().atMost(Duration.ofSeconds(5)).until(() -> readings().size() >= whileHalted + 3);

        Path other = Files.writeString(dir.resolve("other"), "12000\n");
        Files.writeString(config, mesh.configJson(entries(other)));
        console.sendControl(Flag.RELOAD, T1);
        await().atMost(Duration.ofSeconds(5)).until(() -> readings().get(readings().size() - 1).payload()
                .equals(Readings.of(12.0)));

        int haltedBefore = heard.heard(f -> f.from().equals(T1) && f.flag() == Flag.ALIVE && !f.control().active()).size();
        node.destroy();
        assertThat(node.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(2)).until(() -> heard.heard(f -> f.from().equals(T1) && f.flag() == Flag.ALIVE
                && !f.control().active()).size() == haltedBefore + 1);
    }
}
