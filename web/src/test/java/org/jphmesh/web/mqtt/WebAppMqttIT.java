package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.testing.LoopbackSender;
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

    @Test
    void a_flood_of_made_up_codifiers_leaves_retained_discovery_only_for_config_entries_and_cannot_be_commanded()
            throws Exception {
        String prefix = "jphtest-" + UUID.randomUUID().toString().substring(0, 8);
        String ha = prefix + "-ha";
        try (BrokerProbe probe = new BrokerProbe(prefix, ha);
             WebTestRig rig = new WebTestRig(dir, false, ",\"Mqtt\":{\"TopicPrefix\":\"" + prefix + "\",\"DiscoveryPrefix\":\""
                     + ha + "\",\"ClientId\":\"jph-web-" + prefix + "\"}");
             LoopbackSender sender = new LoopbackSender()) {
            Node s1 = rig.node("S1", new RecordingCallbacks());
            reading(s1, probe, prefix, 19.25);

            // 1,000 codifiers no entry names, each alive on the control bus and with a reading on the data bus.
            List<Codifier> flood = madeUp(1_000);
            long now = System.currentTimeMillis();
            for (int start = 0; start < flood.size(); start += 50) {
                for (Codifier code : flood.subList(start, start + 50)) {
                    sender.send(LoopbackSender.encode(Frame.control(1, now, Flag.ALIVE, code, Codifier.BROADCAST, now, true)),
                            rig.mesh.controlGroup(), rig.mesh.controlPort());
                    sender.send(LoopbackSender.encode(Frame.data(1, now, code, Readings.of(start))), rig.mesh.dataGroup(), rig.mesh.dataPort());
                }
                // In batches the socket buffers take whole, so the dashboard hears every one of them.
                int sent = start + 50;
                await().atMost(Duration.ofSeconds(15)).until(() -> heard(rig, flood) == sent);
            }
            // Home Assistant's birth: every discovery config again, now with the flood in the view.
            int before = probe.heard(ha + "/sensor/jph_S1/config").size();
            probe.publish(ha + "/status", "online", false);
            await().atMost(Duration.ofSeconds(15)).until(() -> probe.heard(ha + "/sensor/jph_S1/config").size() > before);
            // Discovery goes out before readings: once this reading is at the broker, so is all the above.
            reading(s1, probe, prefix, 20.25);

            Map<String, String> retained = probe.retained();
            Pattern entries = Pattern.compile("(CF|S1|S2|Q5|RT)");
            Pattern discovery = Pattern.compile(Pattern.quote(ha) + "/(sensor|number|button|switch)/jph_(node_)?"
                    + entries + "(_set|_ping|_active)?/config");
            Pattern bridged = Pattern.compile(Pattern.quote(prefix) + "/(bridge|" + entries + ")/[a-z]+");
            assertThat(retained).containsKeys(ha + "/sensor/jph_S1/config", prefix + "/S1/state");
            assertThat(retained.keySet()).allMatch(topic -> discovery.matcher(topic).matches() || bridged.matcher(topic).matches());
            assertThat(retained).hasSizeLessThan(40);

            assertThat(rig.app.node().whenStopped()).isNotDone();
            WebTestRig.Client viewer = rig.client().as(Role.viewer);
            assertThat(WebTestRig.json(viewer.get("/health")).get("bus").asText()).isEqualTo("up");
            assertThat(WebTestRig.json(viewer.get("/api/sensors")).get("sensors").size()).isGreaterThanOrEqualTo(1_000);

            probe.publish(prefix + "/" + flood.get(0).value() + "/cmd", "halt", false);
            await().atMost(Duration.ofSeconds(10)).until(() -> !probe.heard(prefix + "/bridge/error").isEmpty());
            assertThat(probe.latest(prefix + "/bridge/error")).contains(flood.get(0).value()
                    + " may not be commanded over MQTT: it has no entry in the config");
            assertThat(viewer.get("/metrics").body()).containsPattern("jph_mqtt_refused_commands_total 1(\\.0)?\n")
                    .containsPattern("jph_mqtt_commands_total 0(\\.0)?\n");
            rig.close();
            probe.clearRetained();
        }
    }

    private static void reading(Node node, BrokerProbe probe, String prefix, double value) {
        node.sendData(Codifier.of("S1"), value);
        String expected = MqttPayloads.number(value);
        await().atMost(Duration.ofSeconds(15)).until(() -> expected.equals(probe.latest(prefix + "/S1/state")));
    }

    /** Two-character codifiers starting with a small letter: the test config's entries all start with a capital. */
    private static List<Codifier> madeUp(int count) {
        String second = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        List<Codifier> codes = new ArrayList<>();
        for (char first = 'a'; first <= 'z' && codes.size() < count; first++) {
            for (int i = 0; i < second.length() && codes.size() < count; i++) {
                codes.add(Codifier.of("" + first + second.charAt(i)));
            }
        }
        return codes;
    }

    private static long heard(WebTestRig rig, List<Codifier> codes) {
        return codes.stream().filter(code -> rig.app.view().sensor(code).map(v -> v.readingAt() != null).orElse(false)).count();
    }
}
