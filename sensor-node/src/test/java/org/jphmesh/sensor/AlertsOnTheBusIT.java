package org.jphmesh.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An alerts node over real sockets: readings heard on the data bus change its rules' states, which it sends as
 * {@code j} readings of the rules' codifiers, and an operator's {@code A} frame to a rule acknowledges it.
 */
class AlertsOnTheBusIT {

    private static final Codifier G1 = Codifier.of("G1");
    private static final Codifier W1 = Codifier.of("W1");

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final RecordingCallbacks console = new RecordingCallbacks();
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(Node::close);
    }

    private Node start(String code, String config, NodeCallbacks callbacks) {
        Node node = Node.start(NodeOptions.of(Codifier.of(code), config), callbacks);
        nodes.add(node);
        return node;
    }

    private Optional<AlertStatus> lastStatus(Codifier rule) {
        List<Frame> frames = console.heard(f -> f.from().equals(rule) && f.payload() instanceof JsonReading);
        return frames.isEmpty() ? Optional.empty()
                : AlertStatus.parse(((JsonReading) frames.get(frames.size() - 1).payload()).json());
    }

    @Test
    void a_reading_across_the_threshold_fires_the_rule_on_the_bus_and_an_a_frame_acknowledges_it_and_every_report_says_what_it_saw() {
        String config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("G1", "ControlProgram", 60, 60, ""),
                TestMesh.entry("AL", "Alerts", 0.5, 30, "\"Control\":\"enabled\",\"Sensor\":{\"StateFolder\":\""
                        + dir.resolve("state") + "\",\"Proxy\":[{\"Codifier\":\"W1\",\"Name\":\"Too hot\","
                        + "\"When\":\"{{G1}} > 30\",\"Clear\":\"{{G1}} < 28\"}]}"))).toString();
        MeshConfig loaded = ConfigLoader.load(config);
        Node operator = start("CK", config, console);
        Node g1 = start("G1", config, new NodeCallbacks() {
        });
        start("AL", config, new DriverCallbacks(loaded.sensor(Codifier.of("AL")).orElseThrow(), loaded,
                DriverRegistry.forType("Alerts").orElseThrow()));

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            g1.sendData(G1, 25.0);
            // The periodic report carries what the rule saw last, not only what it saw at its last change.
            return lastStatus(W1).map(s -> s.state() == AlertStatus.State.OK && s.message().endsWith("G1 = 25"))
                    .orElse(false);
        });

        g1.sendData(G1, 31.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> lastStatus(W1).map(s -> s.state() == AlertStatus.State.FIRING)
                .orElse(false));
        assertThat(lastStatus(W1).orElseThrow().message()).isEqualTo("{{G1}} > 30: G1 = 31");
        await().atMost(Duration.ofSeconds(5)).until(() -> console.heard(f -> f.from().equals(Codifier.of("AL"))
                && f.flag() != Flag.DATA_SEQUENCE && f.payload() instanceof org.jphmesh.bus.frame.DataPayload payload
                && org.jphmesh.bus.frame.ReadingValues.numeric(payload).orElse(-1) == 1).size() >= 1);

        operator.sendControl(Flag.SET, W1, new AlertCommand.Acknowledge().timeComponent());
        await().atMost(Duration.ofSeconds(5)).until(() -> lastStatus(W1).map(AlertStatus::acknowledged).orElse(false));

        g1.sendData(G1, 29.0);
        g1.sendData(G1, 27.0);
        await().atMost(Duration.ofSeconds(5)).until(() -> lastStatus(W1).map(s -> s.state() == AlertStatus.State.OK)
                .orElse(false));
        assertThat(lastStatus(W1).orElseThrow().acknowledged()).as("a resolve ends the acknowledgement").isFalse();
    }
}
