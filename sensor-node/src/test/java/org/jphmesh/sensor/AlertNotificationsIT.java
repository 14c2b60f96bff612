package org.jphmesh.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged alerts node as its own process, watching a sensor node's process, notifying a real HTTP receiver,
 * a real SMTP server (GreenMail) and the real Mosquitto: one message per channel for each transition, none again
 * after a restart, none lost to a webhook that was down, none repeated after an acknowledgement.
 */
class AlertNotificationsIT {

    private static final Path JAR = Path.of("target", "sensor-node.jar");
    private static final Codifier W1 = Codifier.of("W1");
    private static final long AFTER_MILLIS = 2_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final RecordingCallbacks console = new RecordingCallbacks();
    private final List<Process> processes = new ArrayList<>();
    private final List<JsonNode> webhooks = new CopyOnWriteArrayList<>();
    private final List<Long> webhookArrivals = new CopyOnWriteArrayList<>();
    private final List<JsonNode> mqtt = new CopyOnWriteArrayList<>();
    private final String topic = "jph-test/" + UUID.randomUUID() + "/alerts";
    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private HttpServer hook;
    private MqttClient subscriber;
    private Node operator;
    private Path config;

    @BeforeEach
    void startReceivers() throws Exception {
        smtp.start();
        smtp.setUser("alerts@jph.local", "alerts", "smtp-secret");
        subscriber = new MqttClient("tcp://127.0.0.1:1883", "jph-test-" + UUID.randomUUID(), new MemoryPersistence());
        subscriber.connect();
        subscriber.subscribe(topic + "/#", 1, (t, message) -> mqtt.add(JSON.readTree(message.getPayload())));
    }

    @AfterEach
    void stop() throws Exception {
        processes.forEach(Process::destroyForcibly);
        for (Process process : processes) {
            process.waitFor(5, TimeUnit.SECONDS);
        }
        if (operator != null) {
            operator.close();
        }
        if (hook != null) {
            hook.stop(0);
        }
        subscriber.disconnect();
        subscriber.close();
        smtp.stop();
    }

    private HttpServer webhook(int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/hook", exchange -> {
            webhooks.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            webhookArrivals.add(System.currentTimeMillis());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    private void writeConfig(int hookPort, String rule, String repeat, boolean everyChannel) throws IOException {
        Path password = dir.resolve("smtp.password");
        Files.writeString(password, "smtp-secret\n", StandardCharsets.UTF_8);
        String notify = "{\"Webhook\":{\"Url\":\"http://127.0.0.1:" + hookPort + "/hook\"}" + repeat
                + (everyChannel ? ",\"Email\":{\"Host\":\"127.0.0.1\",\"Port\":" + smtp.getSmtp().getPort()
                + ",\"Security\":\"none\",\"Username\":\"alerts\",\"PasswordFile\":\"" + password + "\","
                + "\"From\":\"alerts@jph.local\",\"To\":\"operator@jph.local\"},"
                + "\"Mqtt\":{\"Url\":\"tcp://127.0.0.1:1883\",\"Topic\":\"" + topic + "\"}" : "") + "}";
        config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("S1", "Simulated", 0.2, 1, "\"Sensor\":{\"Min\":10,\"Max\":20}"),
                TestMesh.entry("AL", "Alerts", 1, 5, "\"Control\":\"enabled\",\"Sensor\":{\"StateFolder\":\""
                        + dir.resolve("state") + "\",\"Notify\":" + notify + ",\"Proxy\":[" + rule + "]}")));
        operator = Node.start(NodeOptions.of(Codifier.of("CK"), config.toString()), console);
    }

    private Process node(String code) throws IOException {
        Process process = new ProcessBuilder("java", "-Djph.multicast.allowed-interfaces=lo",
                "-Djph.net.allowed-hosts=127.0.0.1,localhost", "-jar", JAR.toString(), "-c", code, "-u", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(code + "-" + processes.size() + ".log").toFile())
                .start();
        processes.add(process);
        return process;
    }

    private Optional<AlertStatus> lastStatus(Codifier rule) {
        List<Frame> frames = console.heard(f -> f.from().equals(rule) && f.payload() instanceof JsonReading);
        return frames.isEmpty() ? Optional.empty()
                : AlertStatus.parse(((JsonReading) frames.get(frames.size() - 1).payload()).json());
    }

    private boolean is(AlertStatus.State state) {
        return lastStatus(W1).map(s -> s.state() == state).orElse(false);
    }

    private List<String> states(List<JsonNode> messages) {
        return messages.stream().map(m -> m.path("alert").asText() + " " + m.path("state").asText()).toList();
    }

    private List<String> mails() {
        return Arrays.stream(smtp.getReceivedMessages()).map(AlertNotificationsIT::subject).toList();
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private void silenceRuleRunsWithSensor() throws Exception {
        hook = webhook(0);
        writeConfig(hook.getAddress().getPort(), "{\"Codifier\":\"W1\",\"Name\":\"S1 silent\",\"Severity\":\"critical\","
                + "\"Stale\":\"S1\",\"After\":" + AFTER_MILLIS / 1000 + "}", "", true);
        node("S1");
        // The rule's grace is After: S1 must be heard before the alerts node starts, or it fires for never hearing S1.
        await().atMost(Duration.ofSeconds(20)).until(() -> !console.heard(f -> f.from().equals(Codifier.of("S1"))
                && f.payload() instanceof org.jphmesh.bus.frame.FloatReading).isEmpty());
        node("AL");
        await().atMost(Duration.ofSeconds(20)).until(() -> is(AlertStatus.State.OK));
    }

    @Test
    void a_killed_node_fires_its_silence_rule_within_after_plus_two_seconds_and_its_return_resolves_it_one_message_per_channel_each()
            throws Exception {
        silenceRuleRunsWithSensor();

        long killedAt = System.currentTimeMillis();
        processes.get(0).destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> is(AlertStatus.State.FIRING));
        assertThat(lastStatus(W1).orElseThrow().since() - killedAt).as("fired within After + 2 s of the kill")
                .isLessThanOrEqualTo(AFTER_MILLIS + 2_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.size() == 1 && mqtt.size() == 1 && mails().size() == 1);
        assertThat(webhooks.get(0).path("severity").asText()).isEqualTo("critical");
        assertThat(webhooks.get(0).path("node").asText()).isEqualTo("AL");
        assertThat(mails().get(0)).contains("firing", "S1 silent");

        node("S1");
        await().atMost(Duration.ofSeconds(15)).until(() -> is(AlertStatus.State.OK));
        await().atMost(Duration.ofSeconds(10)).until(() -> webhooks.size() == 2 && mqtt.size() == 2 && mails().size() == 2);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> webhooks.size() == 2 && mqtt.size() == 2 && mails().size() == 2);
        assertThat(states(webhooks)).containsExactly("W1 firing", "W1 resolved");
        assertThat(states(mqtt)).containsExactly("W1 firing", "W1 resolved");
        assertThat(mails().get(1)).contains("resolved");
    }

    @Test
    void a_restart_of_the_alerts_node_while_firing_keeps_the_state_and_sends_nothing_twice() throws Exception {
        silenceRuleRunsWithSensor();
        processes.get(0).destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> is(AlertStatus.State.FIRING) && webhooks.size() == 1
                && mqtt.size() == 1 && mails().size() == 1);
        long since = lastStatus(W1).orElseThrow().since();

        Process alerts = processes.get(1);
        alerts.destroy();
        assertThat(alerts.waitFor(10, TimeUnit.SECONDS)).isTrue();
        int before = console.heard(f -> f.from().equals(W1)).size();
        node("AL");
        await().atMost(Duration.ofSeconds(20)).until(() -> console.heard(f -> f.from().equals(W1)
                && f.payload() instanceof JsonReading).size() > before + 1);
        assertThat(lastStatus(W1).orElseThrow().state()).isEqualTo(AlertStatus.State.FIRING);
        assertThat(lastStatus(W1).orElseThrow().since()).as("the same firing, kept on disk").isEqualTo(since);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> webhooks.size() == 1 && mqtt.size() == 1 && mails().size() == 1);

        node("S1");
        await().atMost(Duration.ofSeconds(15)).until(() -> webhooks.size() == 2 && mqtt.size() == 2 && mails().size() == 2);
        assertThat(states(webhooks)).containsExactly("W1 firing", "W1 resolved");
    }

    @Test
    void a_webhook_that_was_down_gets_every_notification_when_it_returns_and_an_acknowledgement_stops_the_repeats()
            throws Exception {
        int port;
        try (ServerSocket reserved = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = reserved.getLocalPort();
        }
        writeConfig(port, "{\"Codifier\":\"W1\",\"Name\":\"S1 runs\",\"When\":\"{{S1}} > 0\"}", ",\"Repeat\":1", false);
        node("S1");
        node("AL");
        await().atMost(Duration.ofSeconds(20)).until(() -> is(AlertStatus.State.FIRING));
        long firedAt = lastStatus(W1).orElseThrow().since();

        hook = webhook(port);
        await().atMost(Duration.ofSeconds(20)).until(() -> webhooks.size() >= 3);
        assertThat(webhooks.get(0).path("state").asText()).isEqualTo("firing");
        assertThat(webhooks.get(0).path("since").asLong()).as("the first firing, queued while the webhook was down")
                .isEqualTo(firedAt);

        operator.sendControl(Flag.SET, W1, new AlertCommand.Acknowledge().timeComponent());
        await().atMost(Duration.ofSeconds(5)).until(() -> lastStatus(W1).map(AlertStatus::acknowledged).orElse(false));
        long acknowledgedAt = System.currentTimeMillis();
        // A repeat queued just before the acknowledgement is delivered within milliseconds; after that, none comes.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> webhookArrivals.stream().noneMatch(at -> at > acknowledgedAt + 1_000));
    }
}
