package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.core.ConditionFactory;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TcpProxy;
import org.jphmesh.bus.testing.TestClock;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.web.command.CommandService;
import org.jphmesh.web.state.MeshView;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge against the real Mosquitto on 127.0.0.1:1883, each test under topic and discovery prefixes of
 * its own, asserted through a second client ({@link BrokerProbe}) that deletes what the test retained.
 */
class MqttBridgeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Codifier CF = Codifier.of("CF");

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "jphtest-" + run;
    private final String discovery = "jphtest-" + run + "-ha";
    private final TestMesh mesh = TestMesh.fresh();
    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final AtomicLong sequence = new AtomicLong();
    private final List<AutoCloseable> resources = new ArrayList<>();
    private BrokerProbe probe;
    private MeshConfig config;
    private Path configFile;
    private MeshView view;

    @BeforeEach
    void connectProbe() throws Exception {
        probe = new BrokerProbe(prefix, discovery);
    }

    @AfterEach
    void cleanUp() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
        probe.close();
    }

    private static ConditionFactory eventually() {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100));
    }

    private String mqtt(String extra) {
        return "{\"Url\":\"" + BrokerProbe.BROKER + "\",\"TopicPrefix\":\"" + prefix + "\",\"DiscoveryPrefix\":\"" + discovery
                + "\",\"ClientId\":\"jph-web-test-" + run + "\"" + extra + "}";
    }

    private void mesh(String mqtt) {
        mesh(mqtt, "");
    }

    /** {@code moreEntries}: more members of {@code Sensors}, after the usual ones. */
    private void mesh(String mqtt, String moreEntries) {
        String entries = String.join(",",
                "{\"Codifier\":\"CF\",\"ShortName\":\"Dashboard\",\"Type\":\"Web\",\"KeepAliveInterval\":1,"
                        + "\"Sensor\":{\"Mqtt\":" + mqtt + "}}",
                TestMesh.entry("T1", "TempLinux", 1, 1, ""),
                TestMesh.entry("X1", "failsafeReader", 1, 1, "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"X2\"}]}"),
                "{\"Codifier\":\"X2\",\"ShortName\":\"Flow\",\"Symbol\":\"lpm\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"X1\"}}",
                "{\"Codifier\":\"S1\",\"ShortName\":\"Door\",\"Type\":\"MqttInput\",\"DataType\":\"text\"}",
                TestMesh.entry("Q5", "controlSensor", 1, 1, "\"Control\":\"enabled\",\"Sensor\":{\"Min\":5,\"Max\":30}"))
                + moreEntries;
        configFile = mesh.writeConfig(dir, entries);
        config = ConfigLoader.parse(mesh.configJson(entries), configFile.toString());
        view = new MeshView(config, CF, clock);
    }

    private MqttBridge bridge(CommandService commands) {
        MqttSettings settings = MqttSettings.fromEntry(config.sensor(CF).orElseThrow()).orElseThrow();
        // The test's clock paces the republish on Home Assistant's birth, as it drives the view.
        MqttBridge bridge = new MqttBridge(settings, view, commands, clock);
        resources.add(bridge);
        return bridge.start();
    }

    private MqttBridge connectedBridge(CommandService commands) {
        MqttBridge bridge = bridge(commands);
        // The bridge subscribes before it says online, and the broker keeps order on one connection.
        eventually().until(() -> "online".equals(probe.latest(topic("bridge/availability"))));
        return bridge;
    }

    /** Starts the dashboard node CF, feeding the view as WebApp does, and returns its command service. */
    private CommandService dashboardNode() {
        Node node = Node.start(NodeOptions.of(CF, configFile.toString()), new NodeCallbacks() {
            @Override
            public void onFrame(Node self, Frame frame, InetSocketAddress sender) {
                view.onFrame(frame);
            }
        });
        resources.add(node);
        return new CommandService(node, view);
    }

    private Node node(String code, RecordingCallbacks callbacks) {
        Node node = Node.start(NodeOptions.of(Codifier.of(code), configFile.toString()), callbacks);
        resources.add(node);
        return node;
    }

    private long reading(String code, DataPayload payload) {
        long seq = sequence.incrementAndGet();
        view.onFrame(Frame.data(seq, clock.millis(), Codifier.of(code), payload));
        return seq;
    }

    private void alive(String code, boolean active) {
        view.onFrame(Frame.control(sequence.incrementAndGet(), clock.millis(), Flag.ALIVE, Codifier.of(code),
                Codifier.BROADCAST, clock.millis(), active));
    }

    private String topic(String rest) {
        return prefix + "/" + rest;
    }

    private String config(String component, String objectId) {
        return discovery + "/" + component + "/" + objectId + "/config";
    }

    private static JsonNode json(String text) throws Exception {
        assertThat(text).as("a JSON payload").isNotNull();
        return JSON.readTree(text);
    }

    private static List<String> availabilityTopics(JsonNode config) {
        List<String> topics = new ArrayList<>();
        config.get("availability").forEach(item -> topics.add(item.get("topic").asText()));
        return topics;
    }

    @Test
    void readings_are_published_retained_with_their_attributes() throws Exception {
        mesh(mqtt(""));
        MqttBridge bridge = connectedBridge(null);

        long seq = reading("T1", Readings.of(21.5));
        reading("S1", Readings.text("open"));

        eventually().until(() -> "open".equals(probe.latest(topic("S1/state"))) && "21.5".equals(probe.latest(topic("T1/state"))));
        Map<String, String> retained = probe.retained();
        assertThat(retained).containsEntry(topic("T1/state"), "21.5")
                .containsEntry(topic("S1/state"), "open")
                .containsEntry(topic("T1/availability"), "online")
                .containsEntry(topic("bridge/availability"), "online");
        JsonNode attributes = json(retained.get(topic("T1/attributes")));
        assertThat(attributes.get("unit").asText()).isEqualTo("C");
        assertThat(attributes.get("name").asText()).isEqualTo("T1 test");
        assertThat(attributes.get("longName").asText()).isEqualTo("T1 test node");
        assertThat(attributes.get("timestamp").asLong()).isEqualTo(clock.millis());
        assertThat(attributes.get("sequence").asLong()).isEqualTo(seq);
        assertThat(attributes.get("node").asText()).isEqualTo("T1");
        assertThat(attributes.get("status").asText()).isEqualTo("OK");
        assertThat(bridge.connected()).isTrue();
        assertThat(bridge.published()).isPositive();
    }

    @Test
    void a_halted_node_goes_offline_and_back_online_and_only_changes_are_published() throws Exception {
        mesh(mqtt(""));
        connectedBridge(null);
        // Never heard yet: the snapshot after connecting says offline.
        eventually().until(() -> "offline".equals(probe.latest(topic("T1/availability"))));

        reading("T1", Readings.of(20.0));
        reading("X2", Readings.of(3.5));
        eventually().until(() -> "online".equals(probe.latest(topic("T1/availability")))
                && "online".equals(probe.latest(topic("X2/availability"))));
        alive("T1", false);
        alive("X1", false);
        eventually().until(() -> "offline".equals(probe.latest(topic("T1/availability")))
                && "OFF".equals(probe.latest(topic("T1/active"))));
        // The proxy follows its node.
        eventually().until(() -> "offline".equals(probe.latest(topic("X2/availability"))));
        reading("T1", Readings.of(19.0));
        eventually().until(() -> "19".equals(probe.latest(topic("T1/state"))));
        alive("T1", true);
        eventually().until(() -> "online".equals(probe.latest(topic("T1/availability"))));

        assertThat(probe.heard(topic("T1/availability"))).containsExactly("offline", "online", "offline", "online");
        assertThat(probe.heard(topic("T1/active"))).containsExactly("OFF", "ON");
        assertThat(probe.retained()).containsEntry(topic("T1/availability"), "online")
                .containsEntry(topic("T1/active"), "ON")
                .containsEntry(topic("X2/availability"), "offline")
                .containsEntry(topic("X1/active"), "OFF");
    }

    @Test
    void discovery_configs_meet_home_assistants_requirements_and_point_at_what_the_bridge_publishes() throws Exception {
        mesh(mqtt(""));
        connectedBridge(dashboardNode());
        reading("T1", Readings.of(21.5));
        reading("X2", Readings.of(3.5));
        reading("S1", Readings.text("open"));
        reading("Q5", Readings.of(12.0));
        List<String> expected = List.of(config("sensor", "jph_T1"), config("sensor", "jph_X2"), config("sensor", "jph_S1"),
                config("number", "jph_Q5_set"), config("button", "jph_node_T1_ping"), config("switch", "jph_node_T1_active"));
        eventually().until(() -> probe.retained().keySet().containsAll(expected)
                && "online".equals(probe.latest(topic("Q5/availability"))));
        Map<String, String> retained = probe.retained();

        JsonNode t1 = json(retained.get(config("sensor", "jph_T1")));
        assertThat(t1.get("name").asText()).isEqualTo("T1 test");
        assertThat(t1.get("unique_id").asText()).isEqualTo("jph_T1");
        assertThat(t1.get("state_topic").asText()).isEqualTo(topic("T1/state"));
        assertThat(retained.get(t1.get("state_topic").asText())).isEqualTo("21.5");
        assertThat(t1.get("json_attributes_topic").asText()).isEqualTo(topic("T1/attributes"));
        assertThat(retained).containsKey(t1.get("json_attributes_topic").asText());
        assertThat(availabilityTopics(t1)).containsExactly(topic("bridge/availability"), topic("T1/availability"));
        assertThat(t1.get("availability_mode").asText()).isEqualTo("all");
        assertThat(t1.get("unit_of_measurement").asText()).isEqualTo("°C");
        assertThat(t1.get("device_class").asText()).isEqualTo("temperature");
        assertThat(t1.get("state_class").asText()).isEqualTo("measurement");
        JsonNode device = t1.get("device");
        assertThat(device.get("identifiers")).hasSize(1);
        assertThat(device.get("identifiers").get(0).asText()).isEqualTo("jph_node_T1");
        assertThat(device.get("name").asText()).isEqualTo("T1 test (T1)");
        assertThat(device.get("manufacturer").asText()).isEqualTo("JPH mesh");
        assertThat(device.get("model").asText()).isEqualTo("TempLinux");

        JsonNode x2 = json(retained.get(config("sensor", "jph_X2")));
        assertThat(x2.get("device").get("identifiers").get(0).asText()).as("a proxy belongs to its node's device")
                .isEqualTo("jph_node_X1");
        assertThat(x2.get("unit_of_measurement").asText()).isEqualTo("L/min");
        JsonNode s1 = json(retained.get(config("sensor", "jph_S1")));
        assertThat(s1.has("unit_of_measurement")).as("a text sensor has no unit").isFalse();
        assertThat(s1.has("state_class")).isFalse();

        JsonNode q5 = json(retained.get(config("number", "jph_Q5_set")));
        assertThat(q5.get("unique_id").asText()).isEqualTo("jph_Q5_set");
        assertThat(q5.get("command_topic").asText()).isEqualTo(topic("Q5/set"));
        assertThat(q5.get("state_topic").asText()).isEqualTo(topic("Q5/state"));
        assertThat(retained.get(topic("Q5/state"))).isEqualTo("12");
        assertThat(q5.get("min").asDouble()).isEqualTo(5.0);
        assertThat(q5.get("max").asDouble()).isEqualTo(30.0);
        assertThat(q5.get("step").asDouble()).isEqualTo(0.1);
        assertThat(q5.get("mode").asText()).isEqualTo("box");
        assertThat(q5.get("device").get("identifiers").get(0).asText()).isEqualTo("jph_node_Q5");
        assertThat(availabilityTopics(q5)).containsExactly(topic("bridge/availability"), topic("Q5/availability"));
        assertThat(retained).doesNotContainKey(config("number", "jph_T1_set"));

        JsonNode ping = json(retained.get(config("button", "jph_node_T1_ping")));
        assertThat(ping.get("command_topic").asText()).isEqualTo(topic("T1/cmd"));
        assertThat(ping.get("payload_press").asText()).isEqualTo("ping");
        assertThat(availabilityTopics(ping)).as("a halted node can still be pinged").containsExactly(topic("bridge/availability"));
        JsonNode active = json(retained.get(config("switch", "jph_node_T1_active")));
        assertThat(active.get("command_topic").asText()).isEqualTo(topic("T1/cmd"));
        assertThat(active.get("payload_on").asText()).isEqualTo("start");
        assertThat(active.get("payload_off").asText()).isEqualTo("halt");
        assertThat(active.get("state_topic").asText()).isEqualTo(topic("T1/active"));
        assertThat(active.get("state_on").asText()).isEqualTo("ON");
        assertThat(active.get("state_off").asText()).isEqualTo("OFF");
        assertThat(availabilityTopics(active)).containsExactly(topic("bridge/availability"));
        assertThat(retained).doesNotContainKeys(config("button", "jph_node_X2_ping"), config("button", "jph_node_CF_ping"));

        for (Map.Entry<String, String> entry : retained.entrySet()) {
            if (!entry.getKey().startsWith(discovery + "/")) {
                continue;
            }
            String component = entry.getKey().split("/")[1];
            JsonNode config = json(entry.getValue());
            assertThat(config.get("unique_id").asText()).as("%s unique_id, needed for the device", entry.getKey()).isNotBlank();
            assertThat(config.get("device").get("identifiers")).as("%s device identifiers", entry.getKey()).isNotEmpty();
            assertThat(config.has(component.equals("sensor") ? "state_topic" : "command_topic"))
                    .as("%s has the topic Home Assistant requires", entry.getKey()).isTrue();
            for (String availability : availabilityTopics(config)) {
                assertThat(retained).as("%s availability topic is published", entry.getKey()).containsKey(availability);
            }
        }
    }

    @Test
    void an_alert_rule_is_discovered_as_a_problem_binary_sensor_whose_state_is_the_rules_document() throws Exception {
        mesh(mqtt(""), ",{\"Codifier\":\"AL\",\"ShortName\":\"Alerts\",\"Type\":\"Alerts\",\"SensorInterval\":10,"
                + "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"W1\",\"Name\":\"Greenhouse too hot\",\"When\":\"{{T1}} > 30\"},"
                + "{\"Codifier\":\"W2\",\"Name\":\"T1 silent\",\"Stale\":\"T1\"}]}},"
                + "{\"Codifier\":\"W2\",\"ShortName\":\"T1 silent\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"AL\"}}");
        connectedBridge(null);
        String w1Config = config("binary_sensor", "jph_W1");
        String w2Config = config("binary_sensor", "jph_W2");
        eventually().until(() -> probe.retained().keySet().containsAll(List.of(w1Config, w2Config)));
        AlertStatus firing = new AlertStatus(AlertStatus.State.FIRING, clock.millis(), "{{T1}} > 30: T1 = 31", "warning",
                false, 0);
        AlertStatus ok = new AlertStatus(AlertStatus.State.OK, clock.millis(), "", "warning", false, 0);

        reading("W1", Readings.json(firing.toJson()));
        reading("W2", Readings.json(ok.toJson()));

        eventually().until(() -> firing.toJson().equals(probe.latest(topic("W1/state")))
                && ok.toJson().equals(probe.latest(topic("W2/state"))));
        Map<String, String> retained = probe.retained();
        JsonNode w1 = json(retained.get(w1Config));
        assertThat(w1.get("name").asText()).isEqualTo("Greenhouse too hot");
        assertThat(w1.get("unique_id").asText()).isEqualTo("jph_W1");
        assertThat(w1.get("device_class").asText()).isEqualTo("problem");
        assertThat(w1.get("state_topic").asText()).isEqualTo(topic("W1/state"));
        assertThat(w1.get("value_template").asText()).isEqualTo("{{ 'ON' if value_json.state == 'firing' else 'OFF' }}");
        assertThat(w1.get("json_attributes_topic").asText()).as("the rule's document gives message, ack, ...")
                .isEqualTo(topic("W1/state"));
        assertThat(w1.get("device").get("identifiers").get(0).asText()).isEqualTo("jph_node_AL");
        assertThat(availabilityTopics(w1)).containsExactly(topic("bridge/availability"), topic("W1/availability"));
        assertThat(retained.get(topic("W1/availability"))).isEqualTo("online");
        // What the template reads: the state member of the published document.
        assertThat(json(retained.get(topic("W1/state"))).get("state").asText()).isEqualTo("firing");
        assertThat(json(retained.get(topic("W2/state"))).get("state").asText())
                .as("a rule with an entry of its own still publishes its document, not its value").isEqualTo("ok");
        assertThat(json(retained.get(w2Config)).get("name").asText()).isEqualTo("T1 silent");
        assertThat(retained).doesNotContainKeys(config("sensor", "jph_W1"), config("sensor", "jph_W2"));
        assertThat(retained).containsKey(config("sensor", "jph_AL"));
    }

    @Test
    void configs_are_published_again_when_home_assistant_comes_online() throws Exception {
        mesh(mqtt(""));
        connectedBridge(null);
        String sensorConfig = config("sensor", "jph_T1");
        eventually().until(() -> probe.retained().containsKey(sensorConfig));

        probe.publish(sensorConfig, "", true);
        eventually().until(() -> !probe.retained().containsKey(sensorConfig));
        probe.publish(discovery + "/status", "online", false);

        eventually().until(() -> probe.retained().containsKey(sensorConfig));
        assertThat(json(probe.retained().get(sensorConfig)).get("unique_id").asText()).isEqualTo("jph_T1");
    }

    @Test
    void a_birth_inside_thirty_seconds_of_the_last_republish_is_answered_once_when_they_are_over() throws Exception {
        mesh(mqtt(""));
        MqttBridge bridge = connectedBridge(null);
        String sensorConfig = config("sensor", "jph_T1");
        eventually().until(() -> probe.heard(sensorConfig).size() == 1);
        probe.publish(discovery + "/status", "online", false);
        eventually().until(() -> probe.heard(sensorConfig).size() == 2);

        for (int i = 0; i < 3; i++) {
            probe.publish(discovery + "/status", "online", false);
        }
        eventually().until(bridge::republishPending);
        clock.advance(29_999);
        assertThat(bridge.republishPending()).isTrue();
        assertThat(probe.heard(sensorConfig)).hasSize(2);
        clock.advance(1);

        eventually().until(() -> probe.heard(sensorConfig).size() == 3);
        assertThat(bridge.republishPending()).isFalse();
    }

    @Test
    void codifiers_only_heard_get_no_retained_topics_no_discovery_and_no_commands_by_default() throws Exception {
        mesh(mqtt(""));
        MqttBridge bridge = connectedBridge(dashboardNode());

        reading("ZZ", Readings.of(1.0));
        alive("ZZ", true);
        settle();

        assertThat(probe.retained().keySet()).contains(config("sensor", "jph_T1"), topic("T1/state"))
                .noneMatch(topic -> topic.contains("ZZ"));
        send(topic("ZZ/cmd"), "ping");
        eventually().until(() -> !probe.heard(topic("bridge/error")).isEmpty());
        assertThat(json(probe.latest(topic("bridge/error"))).get("error").asText())
                .startsWith("ZZ may not be commanded over MQTT: it has no entry in the config");
        assertThat(bridge.commandsSent()).isZero();
    }

    @Test
    void codifiers_only_heard_are_published_and_commanded_when_the_entry_opts_in() throws Exception {
        mesh(mqtt(",\"PublishHeardCodifiers\":true,\"CommandHeardCodifiers\":true"));
        MqttBridge bridge = connectedBridge(dashboardNode());

        reading("ZZ", Readings.of(1.0));
        eventually().until(() -> probe.retained().containsKey(config("sensor", "jph_ZZ")));
        send(topic("ZZ/cmd"), "ping");

        eventually().until(() -> bridge.commandsSent() == 1);
        assertThat(probe.retained()).containsEntry(topic("ZZ/state"), "1");
        assertThat(probe.heard(topic("bridge/error"))).isEmpty();
    }

    /**
     * Two readings of T1, one after the other, each awaited at the broker: whatever the bridge made of frames
     * before them (discovery first, then readings, in one queue on one connection) has reached the broker too.
     */
    private void settle() {
        for (double value : new double[] {21.5, 22.5}) {
            reading("T1", Readings.of(value));
            String expected = MqttPayloads.number(value);
            eventually().until(() -> expected.equals(probe.latest(topic("T1/state"))));
        }
    }

    @Test
    void commands_from_mqtt_reach_the_node_and_its_active_state_comes_back() {
        mesh(mqtt(""));
        CommandService commands = dashboardNode();
        RecordingCallbacks q5 = new RecordingCallbacks();
        Node q5Node = node("Q5", q5);
        MqttBridge bridge = connectedBridge(commands);
        eventually().until(() -> "ON".equals(probe.latest(topic("Q5/active"))));

        send(topic("Q5/set"), "21.5");
        eventually().until(() -> !q5.heard(f -> f.flag() == Flag.SET && f.control().timeComponent() == 21.5).isEmpty());
        send(topic("Q5/cmd"), "{\"command\":\"step\",\"value\":2}");
        eventually().until(() -> !q5.heard(f -> f.flag() == Flag.STEP && f.control().timeComponent() == 2).isEmpty());
        send(topic("Q5/cmd"), "halt");
        eventually().until(() -> !q5Node.isActive() && "OFF".equals(probe.latest(topic("Q5/active"))));
        send(topic("Q5/cmd"), "S");
        eventually().until(() -> q5Node.isActive() && "ON".equals(probe.latest(topic("Q5/active"))));

        assertThat(bridge.commandsSent()).isEqualTo(4);
        assertThat(bridge.refusedCommands()).isZero();
    }

    @Test
    void refused_commands_are_counted_and_reported_on_the_error_topic() throws Exception {
        mesh(mqtt(",\"Commands\":[\"ping\",\"set\"],\"CommandCodifiers\":[\"Q5\",\"T1\",\"ZZ\"]"));
        CommandService commands = dashboardNode();
        RecordingCallbacks q5 = new RecordingCallbacks();
        node("Q5", q5);
        // Retained before the bridge subscribes, so the broker hands it over flagged as retained (MQTT-3.3.1-9).
        probe.publish(topic("Q5/set"), "22", true);
        MqttBridge bridge = connectedBridge(commands);

        send(topic("Q5/cmd"), "halt");
        send(topic("T1/set"), "3");
        send(topic("Q5/set"), "warm");
        send(topic("ZZ/cmd"), "ping");
        send(topic("X1/cmd"), "ping");
        send(topic("Q5/cmd"), "ping");

        eventually().until(() -> probe.heard(topic("bridge/error")).size() == 6 && bridge.commandsSent() == 1);
        assertThat(bridge.refusedCommands()).isEqualTo(6);
        List<JsonNode> errors = new ArrayList<>();
        for (String error : probe.heard(topic("bridge/error"))) {
            errors.add(json(error));
        }
        assertThat(errors).extracting(e -> e.get("topic").asText()).containsExactly(topic("Q5/set"), topic("Q5/cmd"),
                topic("T1/set"), topic("Q5/set"), topic("ZZ/cmd"), topic("X1/cmd"));
        assertThat(errors.get(0).get("error").asText()).contains("retained commands are ignored");
        assertThat(errors.get(1).get("error").asText()).contains("halt is not allowed over MQTT");
        assertThat(errors.get(2).get("error").asText()).contains("does not have \"Control\": \"enabled\"");
        assertThat(errors.get(3).get("error").asText()).contains("set needs a finite number, not 'warm'");
        assertThat(errors.get(4).get("error").asText()).contains("no codifier ZZ");
        assertThat(errors.get(5).get("error").asText()).contains("X1 may not be commanded over MQTT");
        assertThat(q5.heard(f -> f.flag() == Flag.HALT || f.flag() == Flag.SET)).isEmpty();
        assertThat(probe.retained()).doesNotContainKey(topic("bridge/error"));
    }

    @Test
    void after_a_broker_outage_the_bridge_reconnects_and_delivers_what_changed_meanwhile() throws Exception {
        TcpProxy relay = new TcpProxy(1883);
        resources.add(relay);
        mesh("{\"Url\":\"tcp://127.0.0.1:" + relay.port() + "\",\"TopicPrefix\":\"" + prefix + "\",\"DiscoveryPrefix\":false,"
                + "\"ClientId\":\"jph-web-test-" + run + "\"}");
        MqttBridge bridge = connectedBridge(null);
        reading("T1", Readings.of(21.5));
        eventually().until(() -> "21.5".equals(probe.latest(topic("T1/state"))));

        relay.cut();
        // The broker saw the connection drop without a DISCONNECT, so it publishes the bridge's will.
        eventually().until(() -> "offline".equals(probe.latest(topic("bridge/availability"))) && !bridge.connected());
        reading("T1", Readings.of(22.5));
        eventually().until(() -> bridge.queued() > 0);
        relay.restore();

        eventually().until(() -> "22.5".equals(probe.latest(topic("T1/state")))
                && "online".equals(probe.latest(topic("bridge/availability"))));
        assertThat(probe.heard(topic("bridge/availability"))).containsExactly("online", "offline", "online");
        assertThat(bridge.connected()).isTrue();
        assertThat(probe.retained()).containsEntry(topic("T1/state"), "22.5").containsEntry(topic("T1/availability"), "online");
    }

    @Test
    void without_a_broker_the_bridge_starts_queues_and_counts_what_it_drops() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        mesh("{\"Url\":\"tcp://127.0.0.1:" + closedPort + "\",\"TopicPrefix\":\"" + prefix + "\",\"DiscoveryPrefix\":false,"
                + "\"ClientId\":\"jph-web-test-" + run + "\",\"QueueCapacity\":3}");
        MqttBridge bridge = bridge(null);

        // Five readings, three messages each (state, attributes, availability), into a queue of three.
        for (String code : List.of("T1", "X1", "X2", "S1", "Q5")) {
            reading(code, Readings.of(1.5));
        }

        eventually().until(() -> bridge.dropped() == 12);
        assertThat(bridge.queued()).isEqualTo(3);
        assertThat(bridge.connected()).isFalse();
        assertThat(bridge.health()).isEqualTo("down");
        assertThat(bridge.published()).isZero();
        assertThat(probe.retained()).isEmpty();
    }

    private void send(String topic, String payload) {
        try {
            probe.publish(topic, payload, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
