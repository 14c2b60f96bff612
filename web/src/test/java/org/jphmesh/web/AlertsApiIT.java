package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.app.alerts.AlertStatus.State;
import org.jphmesh.app.alerts.FakeAlertsNode;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.web.http.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Alerts API over real sockets, with a stand-in alerts node AL sending its rules' states on the test's bus. */
class AlertsApiIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    private WebTestRig rig;
    private FakeAlertsNode alerts;
    private Node al;
    private long since;

    @BeforeEach
    void setUp() {
        rig = new WebTestRig(dir, false, "", 5432, WebTestRig.ALERTS);
        since = System.currentTimeMillis() - 720_000;
        alerts = new FakeAlertsNode()
                .rule("W1", new AlertStatus(State.PENDING, since, "{{S1}} > 30: S1 = 30.5", "warning", false, 0))
                .rule("W2", new AlertStatus(State.FIRING, since, "nothing from S1 for 120 s", "critical", false, 0));
        al = rig.node("AL", alerts);
        alerts.send(al);
    }

    @AfterEach
    void tearDown() throws Exception {
        rig.close();
    }

    private static JsonNode alert(JsonNode list, String code) {
        for (JsonNode alert : list.get("alerts")) {
            if (alert.get("code").asText().equals(code)) {
                return alert;
            }
        }
        throw new AssertionError("no alert " + code + " in " + list);
    }

    private List<Frame> commandsTo(String rule) {
        return alerts.control.stream().filter(f -> f.flag() == Flag.SET && f.to().equals(Codifier.of(rule))).toList();
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(WebTestRig.json(response).get("error").asText()).contains(message);
    }

    @Test
    void every_rule_of_the_config_is_listed_firing_first_with_the_state_it_last_sent() {
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        await().atMost(WAIT).until(() -> WebTestRig.json(viewer.get("/api/alerts")).get("firing").asInt() == 1);

        JsonNode list = WebTestRig.json(viewer.get("/api/alerts"));
        List<String> order = new ArrayList<>();
        list.get("alerts").forEach(alert -> order.add(alert.get("code").asText()));
        assertThat(order).containsExactly("W2", "W1", "V1");
        JsonNode w2 = alert(list, "W2");
        assertThat(w2.get("name").asText()).isEqualTo("Greenhouse sensor silent");
        assertThat(w2.get("severity").asText()).isEqualTo("critical");
        assertThat(w2.get("node").asText()).isEqualTo("AL");
        assertThat(w2.get("controlEnabled").asBoolean()).isTrue();
        assertThat(w2.get("status").asText()).isEqualTo("OK");
        assertThat(w2.get("alert").get("state").asText()).isEqualTo("firing");
        assertThat(w2.get("alert").get("value").asInt()).isEqualTo(1);
        assertThat(w2.get("alert").get("since").asLong()).isEqualTo(since);
        assertThat(w2.get("alert").get("message").asText()).isEqualTo("nothing from S1 for 120 s");
        assertThat(w2.get("alert").get("ack").asBoolean()).isFalse();
        assertThat(alert(list, "W1").get("alert").get("state").asText()).isEqualTo("pending");
        JsonNode v1 = alert(list, "V1");
        assertThat(v1.get("alert").isNull()).as("V1 was never heard").isTrue();
        assertThat(v1.get("controlEnabled").asBoolean()).isFalse();

        // A rule stays an ordinary sensor for tiles and charts: its value is 0 or 1, its name the rule's.
        JsonNode sensor = WebTestRig.json(viewer.get("/api/sensors/W2"));
        assertThat(sensor.get("value").asDouble()).isEqualTo(1.0);
        assertThat(sensor.get("name").asText()).isEqualTo("Greenhouse sensor silent");
        assertThat(sensor.get("node").asText()).isEqualTo("AL");
        assertThat(sensor.get("type").asText()).isEqualTo("AlertRule");
    }

    @Test
    void an_operators_ack_puts_an_A_0_frame_to_the_rule_and_the_rules_answer_shows_in_the_list() {
        WebTestRig.Client operator = rig.client().as(Role.operator);
        await().atMost(WAIT).until(() -> WebTestRig.json(operator.get("/api/alerts")).get("firing").asInt() == 1);

        HttpResponse<String> ack = operator.post("/api/alerts/W2/ack", "{}");

        assertThat(ack.statusCode()).as(ack.body()).isEqualTo(202);
        JsonNode answer = WebTestRig.json(ack);
        assertThat(answer.get("sent").asText()).isEqualTo("A");
        assertThat(answer.get("to").asText()).isEqualTo("W2");
        assertThat(answer.get("value").asLong()).isZero();
        await().atMost(WAIT).until(() -> !commandsTo("W2").isEmpty());
        Frame frame = commandsTo("W2").get(0);
        assertThat(frame.from()).isEqualTo(Codifier.of("CF"));
        assertThat(frame.control().timeComponent()).isZero();
        await().atMost(WAIT).until(() -> alert(WebTestRig.json(operator.get("/api/alerts")), "W2").get("alert").get("ack").asBoolean());
        assertThat(WebTestRig.json(operator.get("/api/events")).get("events").toString())
                .contains("operator@example.org acknowledged W2 (Greenhouse sensor silent)");
    }

    @Test
    void silence_takes_whole_seconds_and_lift_sends_minus_one() {
        WebTestRig.Client operator = rig.client().as(Role.operator);

        assertThat(operator.post("/api/alerts/W1/silence", "{\"seconds\":3600}").statusCode()).isEqualTo(202);
        assertThat(operator.post("/api/alerts/W1/lift", "{}").statusCode()).isEqualTo(202);

        await().atMost(WAIT).until(() -> commandsTo("W1").size() == 2);
        assertThat(commandsTo("W1")).extracting(f -> f.control().timeComponent()).containsExactly(3600.0, -1.0);
        assertError(operator.post("/api/alerts/W1/silence", "{}"), 400, "'seconds' is required: a whole number of seconds");
        assertError(operator.post("/api/alerts/W1/silence", "{\"seconds\":1.5}"), 400, "not 1.5");
        assertError(operator.post("/api/alerts/W1/silence", "{\"seconds\":0}"), 400, "from 1 to 315360000");
        assertError(operator.post("/api/alerts/W1/silence", "{\"seconds\":\"an hour\"}"), 400, "'seconds' must be a number");
        assertThat(commandsTo("W1")).hasSize(2);
    }

    @Test
    void a_codifier_that_is_no_rule_is_404_a_viewer_is_403_and_so_is_a_rule_whose_entry_takes_no_commands() {
        WebTestRig.Client operator = rig.client().as(Role.operator);
        WebTestRig.Client viewer = rig.client().as(Role.viewer);

        assertError(operator.post("/api/alerts/S1/ack", "{}"), 404, "S1 is not an alert rule");
        assertError(operator.post("/api/alerts/AL/ack", "{}"), 404, "AL is not an alert rule");
        assertError(viewer.get("/api/alerts/S1/history"), 404, "S1 is not an alert rule");
        assertError(viewer.post("/api/alerts/W1/ack", "{}"), 403, "operator");
        assertError(operator.post("/api/alerts/V1/ack", "{}"), 403, "its Alerts entry AM does not have \"Control\": \"enabled\"");
        assertError(rig.client().post("/api/alerts/W1/ack", "{}"), 401, "sign in");
        assertThat(alerts.control).noneMatch(f -> f.flag() == Flag.SET);
    }

    @Test
    void a_rules_history_is_its_stored_changes_newest_first() throws Exception {
        long now = System.currentTimeMillis();
        long firingSince = now - 30 * 60_000;
        Object[][] rows = {
                {50, new AlertStatus(State.OK, now - 90 * 60_000, "S1 = 20", "warning", false, 0)},
                {40, new AlertStatus(State.OK, now - 90 * 60_000, "S1 = 21", "warning", false, 0)},
                {30, new AlertStatus(State.FIRING, firingSince, "S1 = 31", "warning", false, 0)},
                {20, new AlertStatus(State.FIRING, firingSince, "S1 = 32", "warning", false, 0)},
                {10, new AlertStatus(State.FIRING, firingSince, "S1 = 32", "warning", true, 0)},
                {8, new AlertStatus(State.FIRING, firingSince, "S1 = 33", "warning", true, 0)},
                {5, new AlertStatus(State.OK, now - 5 * 60_000, "S1 = 25", "warning", false, 0)},
        };
        try (Connection connection = rig.database.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO reading (codifier, ts, seq, kind, value, payload) VALUES ('W1', ?, ?, 'j', ?, ?)")) {
            for (int i = 0; i < rows.length; i++) {
                AlertStatus status = (AlertStatus) rows[i][1];
                insert.setTimestamp(1, new Timestamp(now - (int) rows[i][0] * 60_000L));
                insert.setLong(2, i);
                insert.setDouble(3, status.value());
                insert.setString(4, status.toJson());
                insert.executeUpdate();
            }
        }
        WebTestRig.Client viewer = rig.client().as(Role.viewer);

        JsonNode history = WebTestRig.json(viewer.get("/api/alerts/W1/history"));

        assertThat(history.get("code").asText()).isEqualTo("W1");
        assertThat(history.get("truncated").asBoolean()).isFalse();
        List<String> changes = new ArrayList<>();
        history.get("transitions").forEach(t -> changes.add(((now - t.get("at").asLong()) / 60_000) + " min "
                + t.get("alert").get("state").asText() + (t.get("alert").get("ack").asBoolean() ? " ack" : "")));
        assertThat(changes).containsExactly("5 min ok", "10 min firing ack", "30 min firing", "50 min ok");
        JsonNode latest = WebTestRig.json(viewer.get("/api/alerts/W1/history?limit=2"));
        assertThat(latest.get("transitions")).hasSize(2);
        assertThat(latest.get("truncated").asBoolean()).isTrue();
        assertError(viewer.get("/api/alerts/W1/history?limit=0"), 400, "limit must be a whole number from 1 to 500");
    }

    @Test
    void the_alerts_page_is_also_at_slash_alerts_and_sends_strangers_to_sign_in_first() {
        HttpResponse<String> stranger = rig.client().get("/alerts");
        assertThat(stranger.statusCode()).isEqualTo(302);
        assertThat(stranger.headers().firstValue("Location")).hasValue("/login.html?next=%2Falerts");

        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        HttpResponse<String> shortPath = viewer.get("/alerts");
        assertThat(shortPath.statusCode()).isEqualTo(302);
        assertThat(shortPath.headers().firstValue("Location")).hasValue("/alerts.html");
        HttpResponse<String> page = viewer.get("/alerts.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"alerts.js\"></script>").doesNotContain("<script>");
    }
}
