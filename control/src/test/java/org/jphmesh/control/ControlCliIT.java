package org.jphmesh.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.LegacyReferenceNode;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.MalformedDatagrams;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.bus.transport.InterfaceGuard;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jph-control against real nodes on a private loopback bus. */
class ControlCliIT {

    private static final Codifier C1 = Codifier.of("C1");

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final List<AutoCloseable> running = new ArrayList<>();
    private String config;

    @BeforeEach
    void writeConfig() {
        config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("CC", "ControlProgram", 60, 60, ""),
                TestMesh.entry("C1", "TempLinux", 0.2, 1, ""),
                TestMesh.entry("FG", "controlSensor", 0.2, 1, "\"Control\":\"enabled\""),
                TestMesh.entry("L1", "TempLinux", 0.2, 1, ""))).toString();
    }

    @AfterEach
    void stopAll() throws Exception {
        for (AutoCloseable closeable : running) {
            closeable.close();
        }
    }

    private Node node(String code, RecordingCallbacks callbacks) {
        Node node = Node.start(NodeOptions.of(Codifier.of(code), config), callbacks);
        running.add(node);
        return node;
    }

    private Node sensor(String code) {
        return node(code, new RecordingCallbacks() {
            @Override
            public void onTimer(Node node) {
                node.sendData(21.5);
            }
        });
    }

    @Test
    void ping_prints_a_line_per_reply_and_a_summary_and_exits_0() {
        sensor("C1");

        Cli.Result result = Cli.run("-u", config, "ping", "C1", "-n", "3", "-i", "0.2");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("PING C1 (C1 test) on ");
        assertThat(result.out().lines().filter(l -> l.matches("reply from C1: seq=\\d time=\\d+\\.\\d{3} ms"))).hasSize(3);
        assertThat(result.out()).contains("3 pings sent, 3 replies, 0% loss").containsPattern("rtt min/avg/max = [\\d.]+/[\\d.]+/[\\d.]+ ms");
    }

    @Test
    void ping_of_a_silent_codifier_reports_full_loss_and_exits_1() {
        Cli.Result result = Cli.run("-u", config, "ping", "Q9", "-n", "2", "-i", "0.1", "-W", "0.4");

        assertThat(result.exit()).isEqualTo(1);
        assertThat(result.out()).contains("no reply from Q9: seq=1").contains("2 pings sent, 0 replies, 100% loss");
    }

    @Test
    void usage_and_config_errors_exit_2_and_say_what_is_wrong() {
        Cli.Result noCount = Cli.run("-u", config, "ping", "C1", "-n", "0");
        assertThat(noCount.exit()).isEqualTo(2);
        assertThat(noCount.err()).contains("--count must be at least 1");

        Cli.Result badCode = Cli.run("-u", config, "ping", "Q");
        assertThat(badCode.exit()).isEqualTo(2);
        assertThat(badCode.err()).contains("exactly two printable ASCII characters");

        Cli.Result noConfig = Cli.run("-u", dir.resolve("missing.json").toString(), "status");
        assertThat(noConfig.exit()).isEqualTo(2);
        assertThat(noConfig.err()).contains("missing.json does not exist");

        Cli.Result setWithoutValue = Cli.run("-u", config, "send", "FG", "A");
        assertThat(setWithoutValue.exit()).isEqualTo(2);
        assertThat(setWithoutValue.err()).contains("A needs a number");

        Cli.Result refused = Cli.run("-u", config, "--interface", "wan9", "ping", "C1");
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("'wan9' refused");
    }

    @Test
    void send_halt_then_start_changes_the_state_of_the_node() {
        Node c1 = sensor("C1");

        assertThat(Cli.run("-u", config, "send", "C1", "H").out()).contains("sent H to C1");
        await().atMost(Duration.ofSeconds(5)).until(() -> !c1.isActive());
        Cli.Result halted = Cli.run("-u", config, "ping", "C1", "-n", "1");
        assertThat(halted.out()).contains("(halted)");

        Cli.run("-u", config, "send", "C1", "S");
        await().atMost(Duration.ofSeconds(5)).until(c1::isActive);
    }

    @Test
    void send_set_reaches_a_control_enabled_node_with_its_value() {
        RecordingCallbacks fg = new RecordingCallbacks();
        node("FG", fg);

        Cli.Result result = Cli.run("-u", config, "send", "FG", "A", "61.5");

        assertThat(result.exit()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> fg.control.stream().anyMatch(f -> f.flag() == Flag.SET));
        assertThat(fg.control.stream().filter(f -> f.flag() == Flag.SET).findFirst().orElseThrow()
                .control().timeComponent()).isEqualTo(61.5);
    }

    @Test
    void a_negative_step_is_a_value_not_an_option() {
        RecordingCallbacks fg = new RecordingCallbacks();
        node("FG", fg);

        Cli.Result result = Cli.run("-u", config, "send", "FG", "E", "-1.5");

        assertThat(result.exit()).as(result.err()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(() -> fg.control.stream().anyMatch(f -> f.flag() == Flag.STEP));
        assertThat(fg.control.stream().filter(f -> f.flag() == Flag.STEP).findFirst().orElseThrow()
                .control().timeComponent()).isEqualTo(-1.5);
    }

    @Test
    void monitor_shows_frames_of_its_own_codifier_sent_by_another_console() throws Exception {
        sensor("C1");
        Cli.Running monitor = Cli.start("-u", config, "monitor", "--from", "JC", "--to", "C1", "--count", "1",
                "--duration", "10");

        sendUntilHeard(monitor, "send", "C1", "H");

        assertThat(monitor.result().get().out()).contains(" H JC -> C1 ");
    }

    // A monitor prints nothing until its frame comes, so the command is sent until it has: the first may beat its socket.
    private void sendUntilHeard(Cli.Running monitor, String... command) {
        String[] args = new String[command.length + 2];
        args[0] = "-u";
        args[1] = config;
        System.arraycopy(command, 0, args, 2, command.length);
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Cli.run(args);
            return monitor.result().isDone();
        });
    }

    @Test
    void a_numeric_code_is_refused_with_a_hint_that_the_count_is_n() {
        Cli.Result result = Cli.run("-u", config, "-c", "10", "ping", "C1");
        assertThat(result.exit()).isEqualTo(2);
        assertThat(result.err()).contains("count pings with -n 10");
    }

    @Test
    void monitor_json_prints_one_object_per_frame_with_the_documented_fields() throws Exception {
        sensor("C1");

        Cli.Result result = Cli.run("-u", config, "monitor", "--json", "--from", "C1", "--channel", "data",
                "--count", "3", "--duration", "10");

        assertThat(result.exit()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            JsonNode frame = json.readTree(line);
            assertThat(frame.get("channel").asText()).isEqualTo("data");
            assertThat(frame.get("from").asText()).isEqualTo("C1");
            assertThat(frame.get("to").asText()).isEqualTo("@@");
            assertThat(frame.get("sequence").isIntegralNumber()).isTrue();
            assertThat(frame.get("timestamp").asLong()).isPositive();
            assertThat(frame.get("flag").asText()).isIn("f", "n");
        }
        JsonNode reading = json.readTree(lines.get(lines.size() - 1));
        assertThat(reading.get("value").asDouble()).isEqualTo(21.5);
    }

    @Test
    void monitor_json_shows_control_frames_with_their_active_flag() throws Exception {
        sensor("C1");
        Cli.Running monitor = Cli.start("-u", config, "monitor", "--json", "--to", "C1", "--channel", "control",
                "--count", "1", "--duration", "10");

        sendUntilHeard(monitor, "send", "C1", "H");

        JsonNode frame = new ObjectMapper().readTree(monitor.result().get().out().lines().findFirst().orElseThrow());
        assertThat(frame.get("flag").asText()).isEqualTo("H");
        assertThat(frame.get("from").asText()).isEqualTo("JC");
        assertThat(frame.get("channel").asText()).isEqualTo("control");
        assertThat(frame.has("active")).isTrue();
    }

    @Test
    void status_joins_with_a_codifier_of_its_own_announcing_itself_before_its_ping_stamped_when_sent() {
        RecordingCallbacks c1 = new RecordingCallbacks();
        node("C1", c1);

        assertThat(Cli.run("-u", config, "status", "--listen", "0.5").exit()).isZero();

        List<Frame> fromTool = c1.heard(f -> f.channel() == BusChannel.CONTROL && f.from().equals(Codifier.of("JC")));
        assertThat(fromTool).as("the tool's codifier is one the config does not name").isNotEmpty();
        assertThat(fromTool.get(0).flag()).isEqualTo(Flag.NEW_SEQUENCE);
        Frame ping = fromTool.stream().filter(f -> f.flag() == Flag.PING).findFirst().orElseThrow();
        assertThat(ping.sequence()).isEqualTo(fromTool.get(0).sequence() + 1);
        assertThat(ping.timestamp()).isGreaterThanOrEqualTo(fromTool.get(0).timestamp());
    }

    @Test
    void a_running_legacy_console_is_not_replaced_by_the_tools_default_codifier() throws Exception {
        LegacyReferenceNode console = new LegacyReferenceNode("CC", mesh, 200);
        running.add(console);
        sensor("C1");

        assertThat(Cli.run("-u", config, "status", "--listen", "0.5").exit()).isZero();
        assertThat(Cli.run("-u", config, "ping", "C1", "-n", "1").exit()).isZero();
        assertThat(Cli.run("-u", config, "send", "C1", "S").exit()).isZero();

        assertThat(console.replaced()).isFalse();
        // The same tool told to use the console's codifier replaces it, as the legacy library decides.
        assertThat(Cli.run("-u", config, "-c", "CC", "ping", "C1", "-n", "1").exit()).isZero();
        await().atMost(Duration.ofSeconds(5)).until(console::replaced);
    }

    @Test
    void a_ping_that_cannot_join_the_mesh_prints_its_error_and_no_statistics() throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + InterfaceGuard.ALLOWED_INTERFACES_PROPERTY + "=lo", "-cp", System.getProperty("java.class.path"),
                ControlMain.class.getName(), "-u", config, "-I", "wan9", "ping", "C1", "-n", "1"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("'wan9' refused").doesNotContain("ping statistics").doesNotContain("pings sent");
    }

    @Test
    void status_lists_each_node_heard_with_its_name_and_state() {
        sensor("C1");
        Node fg = node("FG", new RecordingCallbacks());
        Cli.run("-u", config, "send", "FG", "H");
        await().atMost(Duration.ofSeconds(5)).until(() -> !fg.isActive());

        Cli.Result result = Cli.run("-u", config, "status", "--listen", "1.5");

        assertThat(result.exit()).isZero();
        assertThat(result.out()).startsWith("CODE NAME");
        assertThat(result.out()).containsPattern("C1 +C1 test +yes ");
        assertThat(result.out()).containsPattern("FG +FG test +HALTED ");
    }

    @Test
    void a_legacy_format_node_can_be_pinged_halted_started_and_monitored() throws Exception {
        LegacyReferenceNode legacy = new LegacyReferenceNode("L1", mesh, 200);
        running.add(legacy);

        Cli.Result ping = Cli.run("-u", config, "ping", "L1", "-n", "2", "-i", "0.2");
        assertThat(ping.exit()).isZero();
        assertThat(ping.out()).contains("2 pings sent, 2 replies, 0% loss");

        Cli.Result monitor = Cli.run("-u", config, "monitor", "--from", "L1", "--channel", "data", "--count", "2",
                "--duration", "10");
        assertThat(monitor.out().lines().filter(l -> l.contains(" f L1 -> @@ ") && l.endsWith("value=42.0"))).isNotEmpty();

        Cli.run("-u", config, "send", "L1", "H");
        await().atMost(Duration.ofSeconds(5)).until(() -> !legacy.isActive());
        assertThat(Cli.run("-u", config, "ping", "L1", "-n", "1").out()).contains("(halted)");

        Cli.run("-u", config, "send", "L1", "S");
        await().atMost(Duration.ofSeconds(5)).until(legacy::isActive);
        assertThat(legacy.flagsReceived()).contains('P', 'H', 'S');
    }

    @Test
    void a_thousand_malformed_datagrams_on_each_bus_leave_every_node_answering() throws Exception {
        Node c1 = sensor("C1");
        LegacyReferenceNode legacy = new LegacyReferenceNode("L1", mesh, 200);
        running.add(legacy);
        Cli.Running monitor = Cli.start("-u", config, "monitor", "--from", "C1", "--duration", "4");
        // Flood only once the monitor listens: it has printed C1's first reading.
        await().atMost(Duration.ofSeconds(5)).until(() -> monitor.outSoFar().contains(" C1 -> @@ "));

        int perBus = 1000;
        try (LoopbackSender sender = new LoopbackSender()) {
            for (boolean controlBus : new boolean[] {true, false}) {
                List<byte[]> kinds = MalformedDatagrams.oneOfEachKind(controlBus);
                String group = controlBus ? mesh.controlGroup() : mesh.dataGroup();
                int port = controlBus ? mesh.controlPort() : mesh.dataPort();
                for (int i = 0; i < perBus; i++) {
                    sender.send(kinds.get(i % kinds.size()), group, port);
                }
            }
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> c1.counters().malformedTotal() == 2L * perBus);
        Cli.Result ping = Cli.run("-u", config, "ping", "@@", "-n", "1", "-W", "1");
        assertThat(ping.exit()).as(ping.err()).isZero();
        assertThat(ping.out()).contains("reply from C1").contains("reply from L1");
        Cli.Result watched = monitor.result().get();
        assertThat(watched.exit()).isZero();
        assertThat(watched.out()).contains(" C1 -> @@ ");
        assertThat(watched.err()).contains("malformed datagrams dropped");
    }
}
