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
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.app.alerts.FakeAlertsNode;
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
                TestMesh.entry("L1", "TempLinux", 0.2, 1, ""),
                TestMesh.entry("AL", "Alerts", 0.5, 60, "\"Control\":\"enabled\",\"Sensor\":{\"Proxy\":["
                        + "{\"Codifier\":\"W1\",\"Name\":\"Greenhouse too hot\",\"When\":\"{{C1}} > 30\"},"
                        + "{\"Codifier\":\"W2\",\"Name\":\"Greenhouse sensor silent\",\"Severity\":\"critical\","
                        + "\"Stale\":\"C1\",\"After\":120}]}"),
                TestMesh.entry("AM", "Alerts", 0.5, 60, "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"V1\",\"Halted\":\"C1\"}]}")))
                .toString();
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

    private static AlertStatus firing(long since, boolean ack) {
        return new AlertStatus(AlertStatus.State.FIRING, since, "{{C1}} > 30: C1 = 31.2", "warning", ack, 0);
    }

    private static List<Frame> alertCommands(RecordingCallbacks listener, String rule) {
        return listener.heard(f -> f.flag() == Flag.SET && f.to().equals(Codifier.of(rule)));
    }

    @Test
    void alert_ack_puts_an_A_0_frame_to_the_rule_and_prints_the_acknowledgement_the_rule_sends_back() {
        FakeAlertsNode alerts = new FakeAlertsNode().rule("W1", firing(System.currentTimeMillis() - 720_000, false));
        node("AL", alerts);
        RecordingCallbacks bystander = new RecordingCallbacks();
        node("C1", bystander);

        Cli.Result result = Cli.run("-u", config, "alert", "ack", "W1");

        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).contains("sent A 0 to W1 (Greenhouse too hot)")
                .containsPattern("W1: FIRING since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\(for 12 min\\), acknowledged");
        assertThat(alerts.control).singleElement().satisfies(frame -> {
            assertThat(frame.flag()).isEqualTo(Flag.SET);
            assertThat(frame.to()).isEqualTo(Codifier.of("W1"));
            assertThat(frame.control().timeComponent()).isZero();
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> !alertCommands(bystander, "W1").isEmpty());
        assertThat(alertCommands(bystander, "W1").get(0).from()).isEqualTo(Codifier.of("JC"));
    }

    @Test
    void alert_silence_sends_its_seconds_and_unsilence_minus_one() {
        FakeAlertsNode alerts = new FakeAlertsNode().rule("W1", firing(System.currentTimeMillis(), true));
        node("AL", alerts);

        Cli.Result silence = Cli.run("-u", config, "alert", "silence", "W1", "3600");
        assertThat(silence.exit()).as(silence.err()).isZero();
        assertThat(silence.out()).contains("sent A 3600 to W1").contains("acknowledged, silenced until ");

        Cli.Result lift = Cli.run("-u", config, "alert", "unsilence", "W1");
        assertThat(lift.exit()).as(lift.err()).isZero();
        assertThat(lift.out()).contains("sent A -1 to W1").doesNotContain("silenced until").doesNotContain("acknowledged");

        assertThat(alerts.control).extracting(frame -> frame.control().timeComponent()).containsExactly(3600.0, -1.0);
    }

    @Test
    void alert_commands_refuse_a_codifier_that_is_no_rule_and_warn_when_the_rules_entry_takes_no_commands() {
        RecordingCallbacks bystander = new RecordingCallbacks();
        node("C1", bystander);

        Cli.Result notARule = Cli.run("-u", config, "alert", "ack", "C1");
        assertThat(notARule.exit()).isEqualTo(2);
        assertThat(notARule.err()).contains("C1 is not an alert rule of ").contains("(its rules: W1, W2, V1)");
        Cli.Result badSeconds = Cli.run("-u", config, "alert", "silence", "W1", "1h");
        assertThat(badSeconds.exit()).isEqualTo(2);
        assertThat(badSeconds.err()).contains("SECONDS must be a whole number of seconds from 1 to 315360000");
        Cli.Result noGroup = Cli.run("-u", config, "alert");
        assertThat(noGroup.exit()).isEqualTo(2);
        assertThat(noGroup.err()).contains("name an alert command");

        Cli.Result ignored = Cli.run("-u", config, "alert", "ack", "V1", "-W", "0.5");
        assertThat(ignored.err()).contains("warning: V1's Alerts entry AM does not have \"Control\": \"enabled\"");
        assertThat(ignored.out()).contains("sent A 0 to V1").contains("no answer from V1's alerts node AM within 0.5 s");
        assertThat(ignored.exit()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !alertCommands(bystander, "V1").isEmpty());
        assertThat(alertCommands(bystander, "C1")).isEmpty();
    }

    @Test
    void alert_list_shows_every_rule_firing_first_with_its_state_since_and_marks() {
        long since = System.currentTimeMillis() - 3_600_000;
        node("AL", new FakeAlertsNode()
                .rule("W1", new AlertStatus(AlertStatus.State.OK, since, "{{C1}} > 30: C1 = 21.5", "warning", false, 0))
                .rule("W2", new AlertStatus(AlertStatus.State.FIRING, since, "nothing from C1 for 120 s", "critical", true, 0)));

        Cli.Result result = Cli.run("-u", config, "alert", "list", "-l", "2");

        assertThat(result.exit()).as(result.err()).isZero();
        List<String> lines = result.out().lines().toList();
        assertThat(lines.get(0)).startsWith("CODE SEVERITY STATE    SINCE");
        assertThat(lines.get(1)).startsWith("W2   critical FIRING").contains("(for 1 h)").contains("Greenhouse sensor silent")
                .contains("acknowledged").endsWith("nothing from C1 for 120 s");
        assertThat(lines.get(2)).startsWith("W1   warning  OK").endsWith("{{C1}} > 30: C1 = 21.5");
        assertThat(lines.get(3)).startsWith("V1   warning  -").contains("no commands").endsWith("(not heard)");
        assertThat(lines.get(4)).startsWith("1 of 3 rules not heard within 2 s").contains("is AM running?");
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
