package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** A dashboard whose entry is wrong fails before it joins the bus: the mesh never hears it (issue 13, item 10). */
class WebAppStartIT {

    private static final Codifier CF = Codifier.of("CF");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"Mqtt\":{\"TopicPrefix\":\"jph/#\"}                | Sensors (CF).Sensor.Mqtt.TopicPrefix",
            "\"Mqtt\":{\"TopicPrefx\":\"jph\"}                   | Sensors (CF).Sensor.Mqtt.TopicPrefx",
            "\"Mqtt\":{\"QueueCapacity\":\"many\"}               | Sensors (CF).Sensor.Mqtt.QueueCapacity",
            "\"Web\":{\"Port\":0,\"SessionIdleMinutes\":\"abc\"} | Sensors (CF).Sensor.Web.SessionIdleMinutes",
            "\"SQL\":{\"Database\":\"jph?ssl=off\",\"User\":\"x\"} | Sensors (CF).Sensor.SQL.Database",
    })
    void a_bad_block_is_refused_with_its_key_named_and_no_frame_of_the_dashboard_reaches_the_bus(String block,
                                                                                                String key) {
        TestMesh mesh = TestMesh.fresh();
        Path config = mesh.writeConfig(dir, String.join(",",
                "{\"Codifier\":\"CF\",\"ShortName\":\"Dashboard\",\"Type\":\"Web\",\"KeepAliveInterval\":60,"
                        + "\"Sensor\":{" + block + "}}",
                TestMesh.entry("L1", "Simulated", 60, 60, ""),
                TestMesh.entry("M1", "Simulated", 60, 60, "")));
        RecordingCallbacks listener = new RecordingCallbacks();
        try (Node l1 = Node.start(NodeOptions.of(Codifier.of("L1"), config.toString()), listener)) {

            assertThatThrownBy(() -> WebApp.start(NodeOptions.of(CF, config.toString()), null))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(key + " ");

            // A node started after the failed start announces itself; once L1 has heard that, anything the
            // dashboard had sent before it would have arrived too (one loopback path, in order).
            try (Node m1 = Node.start(NodeOptions.of(Codifier.of("M1"), config.toString()), new RecordingCallbacks())) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !listener.heard(f -> f.from().equals(m1.codifier())).isEmpty());
            }
            assertThat(listener.heard(f -> f.from().equals(CF))).isEmpty();
        }
    }
}
