package org.jphmesh.sensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverFactory;
import org.jphmesh.sensor.driver.ReadResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drivers that throw on every read or block forever, inside real nodes on a loopback bus. */
class MisbehavingDriverIT {

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private Node sensor;
    private Node console;
    private DriverCallbacks callbacks;

    @AfterEach
    void stop() {
        if (sensor != null) {
            sensor.close();
        }
        if (callbacks != null) {
            callbacks.close();
        }
        if (console != null) {
            console.close();
        }
    }

    private void run(Driver driver) {
        Path file = mesh.writeConfig(dir, String.join(",", TestMesh.entry("CK", "ControlProgram", 60, 60, ""),
                TestMesh.entry("B1", "Exec", 0.1, 1, "\"Sensor\":{\"ReadTimeout\":0.3}")));
        MeshConfig config = ConfigLoader.load(file.toString());
        DriverFactory factory = (entry, mesh) -> driver;
        callbacks = new DriverCallbacks(config.sensor(Codifier.of("B1")).orElseThrow(), config, factory);
        sensor = Node.start(NodeOptions.of(Codifier.of("B1"), file.toString()).withConfig(config), callbacks);
        console = Node.start(NodeOptions.of(Codifier.of("CK"), file.toString()), new RecordingCallbacks());
    }

    private void answersPingsRepeatedly() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(console.ping(Codifier.of("B1"), Duration.ofSeconds(2)).get(3, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void a_driver_that_throws_on_every_read_leaves_its_node_answering_pings() throws Exception {
        run(() -> {
            throw new IllegalStateException("I2C bus error");
        });

        await().atMost(Duration.ofSeconds(5)).until(() -> callbacks.runner().failedReads() >= 2);
        answersPingsRepeatedly();
        assertThat(sensor.isActive()).isTrue();
    }

    @Test
    void a_driver_that_blocks_forever_leaves_its_node_answering_pings() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        run(() -> {
            never.await();
            return ReadResult.none();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> callbacks.runner().timeouts() >= 2);
        answersPingsRepeatedly();
        never.countDown();
    }
}
