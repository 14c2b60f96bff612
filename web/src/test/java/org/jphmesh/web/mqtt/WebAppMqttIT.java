package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.web.WebTestRig;
import org.jphmesh.web.http.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bridge as web.jar runs it: from the dashboard entry's Mqtt block, on the real Mosquitto. */
class WebAppMqttIT {

    @TempDir
    Path dir;

    @Test
    void the_dashboard_entrys_mqtt_block_starts_the_bridge_and_its_figures_show_in_health_and_metrics() throws Exception {
        String prefix = "jphtest-" + UUID.randomUUID().toString().substring(0, 8);
        try (BrokerProbe probe = new BrokerProbe(prefix, prefix + "-ha");
             WebTestRig rig = new WebTestRig(dir, false, ",\"Mqtt\":{\"Url\":\"tcp://127.0.0.1:1883\",\"TopicPrefix\":\""
                     + prefix + "\",\"DiscoveryPrefix\":\"" + prefix + "-ha\"}")) {
            Node s1 = rig.node("S1", new RecordingCallbacks());
            s1.sendData(Codifier.of("S1"), 19.25);
            await().atMost(Duration.ofSeconds(15)).until(() -> "19.25".equals(probe.latest(prefix + "/S1/state")));
            assertThat(probe.latest(prefix + "-ha/sensor/jph_S1/config")).contains("\"unique_id\":\"jph_S1\"");
            WebTestRig.Client viewer = rig.client().as(Role.viewer);
            await().atMost(Duration.ofSeconds(10)).until(() -> WebTestRig.json(viewer.get("/health")).get("mqtt").asText().equals("up"));
            assertThat(viewer.get("/metrics").body()).containsPattern("jph_mqtt_published_total [1-9]");
            rig.close();
            probe.clearRetained();
        }
    }
}
