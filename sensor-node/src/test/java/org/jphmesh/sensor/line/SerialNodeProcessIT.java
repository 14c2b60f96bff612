package org.jphmesh.sensor.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged sensor-node.jar running a Serial entry on a real pseudo-terminal, on a private loopback bus. */
class SerialNodeProcessIT {

    private static final Path JAR = Path.of("target", "sensor-node.jar");
    private static final Codifier A1 = Codifier.of("A1");
    private static final Codifier A2 = Codifier.of("A2");
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final RecordingCallbacks heard = new RecordingCallbacks();
    private Process node;
    private Node console;
    private PseudoTerminals arduino;

    @AfterEach
    void stop() {
        if (node != null) {
            node.destroyForcibly();
        }
        if (console != null) {
            console.close();
        }
        if (arduino != null) {
            arduino.close();
        }
    }

    private Path config(String match) {
        arduino = new PseudoTerminals(dir);
        return mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("A1", "Serial", 60, 2, "\"Control\":\"enabled\",\"Sensor\":{\"Port\":\"" + arduino.port()
                        + "\",\"Baud\":9600,\"Patterns\":[{\"Match\":\"" + match + "\",\"Codifiers\":[\"A1\",\"A2\"]}],"
                        + "\"Write\":{\"A\":\"SET {value}\"},\"Proxy\":[{\"Codifier\":\"A2\"}]}"),
                "{\"Codifier\":\"A2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"A1\"}}"));
    }

    private Process run(Path config) throws IOException {
        console = Node.start(NodeOptions.of(Codifier.of("CK"), config.toString()), heard);
        node = new ProcessBuilder("java", "-Djph.multicast.allowed-interfaces=lo", "-jar", JAR.toString(), "-c", "A1",
                "-u", config.toString()).redirectErrorStream(true).start();
        return node;
    }

    private List<Frame> readings(Codifier from) {
        return heard.heard(f -> f.channel() == BusChannel.DATA && f.from().equals(from) && f.flag() != Flag.DATA_SEQUENCE
                && !(f.payload() instanceof SequenceStart));
    }

    @Test
    void an_arduinos_lines_reach_the_bus_a_set_point_reaches_the_arduino_and_pings_are_answered_while_it_is_unplugged()
            throws Exception {
        run(config("^T=(-?[0-9.]+) H=([0-9.]+)$"));
        await().atMost(WAIT).until(() -> !heard.heard(f -> f.from().equals(A1)).isEmpty());
        await().atMost(WAIT).ignoreExceptions().until(() -> {
            arduino.print("T=21.5 H=40\r\n");
            return !readings(A2).isEmpty();
        });
        assertThat(readings(A1).get(0).payload()).isEqualTo(Readings.of(21.5));
        assertThat(readings(A2).get(0).payload()).isEqualTo(Readings.of(40.0));

        console.sendControl(Flag.SET, A1, 42);
        await().atMost(WAIT).until(() -> arduino.heard().contains("SET 42"));

        arduino.unplug();
        int aliveBefore = heard.heard(f -> f.from().equals(A1) && f.flag() == Flag.ALIVE).size();
        assertThat(console.ping(A1, Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).hasSize(1);
        await().atMost(WAIT).until(() -> heard.heard(f -> f.from().equals(A1) && f.flag() == Flag.ALIVE).size() > aliveBefore);

        arduino.plugIn();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            arduino.print("T=23 H=40\n");
            return readings(A1).stream().anyMatch(f -> f.payload().equals(Readings.of(23.0)));
        });
        assertThat(node.isAlive()).isTrue();
    }

    @Test
    void a_bad_pattern_is_refused_naming_its_key_before_the_node_joins_the_bus() throws Exception {
        Process refused = run(config("T=([0-9.]+"));

        assertThat(refused.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("Sensors (A1).Sensor.Patterns[0].Match is not a regular expression");
        assertThat(heard.heard(f -> f.from().equals(A1))).isEmpty();
    }
}
