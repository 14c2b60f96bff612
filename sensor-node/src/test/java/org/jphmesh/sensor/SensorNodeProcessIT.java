package org.jphmesh.sensor;

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
import org.jphmesh.bus.node.PingReply;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.MalformedDatagrams;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged sensor-node.jar as its own process, on a private loopback bus. */
class SensorNodeProcessIT {

    private static final Path JAR = Path.of("target", "sensor-node.jar");

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final List<Process> processes = new ArrayList<>();
    private Path config;
    private Node console;
    private final RecordingCallbacks heard = new RecordingCallbacks();

    @BeforeEach
    void setUp() {
        config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("S1", "Simulated", 0.2, 1,
                        "\"Sensor\":{\"Min\":10,\"Max\":20,\"Proxy\":[{\"Codifier\":\"S2\"}]}"),
                "{\"Codifier\":\"S2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"S1\"}}",
                TestMesh.entry("S3", "Simulated", 0.2, 1, "\"Sensor\":{\"Shape\":\"counter\"}")));
        console = Node.start(NodeOptions.of(Codifier.of("CK"), config.toString()), heard);
    }

    @AfterEach
    void tearDown() {
        processes.forEach(Process::destroyForcibly);
        console.close();
    }

    private Process run(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("java", "-Djph.multicast.allowed-interfaces=lo", "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        processes.add(process);
        return process;
    }

    @Test
    void a_simulated_node_sends_its_readings_and_its_proxies_and_announces_halted_on_sigterm() throws Exception {
        Process node = run("-c", "S1", "-u", config.toString());

        await().atMost(Duration.ofSeconds(15)).until(() -> heard.heard(f -> f.channel() == BusChannel.DATA
                && f.from().equals(Codifier.of("S2")) && !(f.payload() instanceof SequenceStart)).size() >= 2);
        List<Frame> s1 = heard.heard(f -> f.channel() == BusChannel.DATA && f.from().equals(Codifier.of("S1")));
        assertThat(s1.get(0).payload()).isInstanceOf(SequenceStart.class);
        assertThat(console.ping(Codifier.of("S1"), Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).hasSize(1);

        node.destroy();

        assertThat(node.waitFor(2, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(2)).until(() -> heard.heard(f -> f.flag() == Flag.ALIVE
                && f.from().equals(Codifier.of("S1")) && !f.control().active()).size() == 1);
    }

    @Test
    void several_codifiers_given_to_one_process_each_run_as_their_own_node_and_stop_together() throws Exception {
        Process node = run("-c", "S1,S3", "-u", config.toString());

        await().atMost(Duration.ofSeconds(15)).until(() -> heard.heard(f -> f.channel() == BusChannel.DATA
                && f.from().equals(Codifier.of("S3")) && !(f.payload() instanceof SequenceStart)).size() >= 2
                && heard.heard(f -> f.channel() == BusChannel.DATA && f.from().equals(Codifier.of("S2"))).size() >= 2);
        assertThat(console.ping(Codifier.BROADCAST, Duration.ofSeconds(1)).get(3, TimeUnit.SECONDS))
                .extracting(PingReply::from).contains(Codifier.of("S1"), Codifier.of("S3"));

        node.destroy();

        assertThat(node.waitFor(3, TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).isZero();
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> assertThat(heard.heard(f -> f.flag() == Flag.ALIVE
                && !f.control().active()).stream().map(Frame::from)).contains(Codifier.of("S1"), Codifier.of("S3")));
    }

    @Test
    void a_thousand_malformed_datagrams_on_each_bus_leave_the_node_process_running_and_answering() throws Exception {
        Process node = run("-c", "S1", "-u", config.toString());
        await().atMost(Duration.ofSeconds(15)).until(() -> !heard.heard(f -> f.from().equals(Codifier.of("S1"))).isEmpty());

        try (LoopbackSender sender = new LoopbackSender()) {
            for (boolean controlBus : new boolean[] {true, false}) {
                List<byte[]> kinds = MalformedDatagrams.oneOfEachKind(controlBus);
                for (int i = 0; i < 1000; i++) {
                    sender.send(kinds.get(i % kinds.size()), controlBus ? mesh.controlGroup() : mesh.dataGroup(),
                            controlBus ? mesh.controlPort() : mesh.dataPort());
                }
            }
        }

        assertThat(console.ping(Codifier.of("S1"), Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).hasSize(1);
        assertThat(node.isAlive()).isTrue();
        int before = heard.heard(f -> f.from().equals(Codifier.of("S1")) && f.channel() == BusChannel.DATA).size();
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.heard(f -> f.from().equals(Codifier.of("S1"))
                && f.channel() == BusChannel.DATA).size() > before + 2);
    }

    @Test
    void a_proxy_entry_or_an_unknown_codifier_exits_2_with_a_message_that_says_why() throws Exception {
        Process proxy = run("-c", "S2", "-u", config.toString());
        assertThat(proxy.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(proxy.exitValue()).isEqualTo(2);
        assertThat(new String(proxy.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("S2 is a Proxy entry: its readings are sent by S1");

        Process unknown = run("-c", "Q9", "-u", config.toString());
        assertThat(unknown.waitFor(15, TimeUnit.SECONDS)).isTrue();
        assertThat(unknown.exitValue()).isEqualTo(2);
        assertThat(new String(unknown.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("codifier Q9 has no entry in");
    }
}
