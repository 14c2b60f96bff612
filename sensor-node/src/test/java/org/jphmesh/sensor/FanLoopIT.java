package org.jphmesh.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.plugin.mock.provider.pwm.MockPwmProvider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.ReadingValues;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sensor.pi4j.FanControlDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The legacy fan loop over real sockets: a calculation (FL) turns the temperature heard from A1 into a
 * hysteresis decision and commands the fan FK, a fanControl node on Pi4J's mock PWM.
 */
class FanLoopIT {

    private static final Codifier A1 = Codifier.of("A1");
    private static final Codifier FK = Codifier.of("FK");
    private static final Codifier FL = Codifier.of("FL");
    private static final Codifier FN = Codifier.of("FN");

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final Context pi4j = Pi4J.newContextBuilder().add(MockPwmProvider.newInstance()).build();
    private final RecordingCallbacks console = new RecordingCallbacks();
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(Node::close);
        pi4j.shutdown();
    }

    private Node start(Codifier code, String config, NodeCallbacks callbacks) {
        Node node = Node.start(NodeOptions.of(code, config), callbacks);
        nodes.add(node);
        return node;
    }

    private DriverCallbacks driven(MeshConfig loaded, Codifier code) {
        return new DriverCallbacks(loaded.sensor(code).orElseThrow(), loaded, (entry, mesh) -> code.equals(FK)
                ? new FanControlDriver(entry, mesh, pi4j)
                : DriverRegistry.forType(entry.type()).orElseThrow().create(entry, mesh));
    }

    private List<Frame> commandsToTheFan() {
        return console.heard(f -> f.from().equals(FL) && f.to().equals(FK) && f.flag() == Flag.SET);
    }

    // Sends a temperature until the calculation has read it (its FN output says so).
    private void temperature(Node a1, double celsius) {
        int before = console.heard(f -> f.from().equals(FN) && f.channel() == BusChannel.DATA).size();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            a1.sendData(A1, celsius);
            List<Frame> fn = console.heard(f -> f.from().equals(FN) && f.channel() == BusChannel.DATA
                    && f.flag() != Flag.DATA_SEQUENCE);
            return fn.size() > before && ReadingValues.numeric((org.jphmesh.bus.frame.DataPayload) fn.get(fn.size() - 1).payload()).orElse(-1) == celsius;
        });
    }

    @Test
    void the_calculation_turns_the_fan_on_above_the_upper_limit_and_off_below_the_lower_and_never_flaps_between() {
        String config = mesh.writeConfig(dir, String.join(",",
                TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("A1", "ControlProgram", 60, 60, ""),
                TestMesh.entry("FK", "fanControl", 0.2, 5, "\"Control\":\"enabled\",\"Sensor\":{\"Default\":0}"),
                TestMesh.entry("FL", "PythonNinja", 0.1, 5, "\"Sensor\":{\"Initial\":{\"FQ\":0},"
                        + "\"Expressions\":{\"FN\":\"{{A1}}\",\"FQ\":\"IF({{FN}} > 26, 1, IF({{FN}} < 24, 0, {{FQ}}))\"},"
                        + "\"Commands\":[{\"To\":\"FK\",\"Flag\":\"A\",\"Value\":\"IF({{FQ}} = 1, 100, 0)\",\"MinInterval\":0}],"
                        + "\"Proxy\":[{\"Codifier\":\"FN\"},{\"Codifier\":\"FQ\"}]}"),
                TestMesh.entry("FN", "Proxy", 60, 60, "\"Sensor\":{\"Codifier\":\"FL\"}"),
                TestMesh.entry("FQ", "Proxy", 60, 60, "\"DataType\":\"integer\",\"Sensor\":{\"Codifier\":\"FL\"}")))
                .toString();
        MeshConfig loaded = ConfigLoader.load(config);
        start(Codifier.of("CK"), config, console);
        Node a1 = start(A1, config, new NodeCallbacks() {
        });
        start(FK, config, driven(loaded, FK));
        start(FL, config, driven(loaded, FL));
        await().atMost(Duration.ofSeconds(10)).until(() -> pi4j.registry().exists("FK-fan"));
        Pwm fan = pi4j.registry().get("FK-fan");

        temperature(a1, 20);
        await().atMost(Duration.ofSeconds(10)).until(() -> !commandsToTheFan().isEmpty());
        assertThat(fan.isOn()).isFalse();

        temperature(a1, 27);
        await().atMost(Duration.ofSeconds(10)).until(() -> fan.isOn() && fan.dutyCycle() == 100f);

        for (int i = 0; i < 6; i++) {
            temperature(a1, i % 2 == 0 ? 25.5 : 26.5);
            temperature(a1, 24.5);
        }
        assertThat(fan.isOn()).as("the fan stays on between the limits").isTrue();
        assertThat(commandsToTheFan()).extracting(f -> f.control().timeComponent()).containsExactly(0.0, 100.0);

        temperature(a1, 23);
        await().atMost(Duration.ofSeconds(10)).until(() -> !fan.isOn());
        assertThat(commandsToTheFan()).extracting(f -> f.control().timeComponent()).containsExactly(0.0, 100.0, 0.0);
    }
}
