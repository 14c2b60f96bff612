package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionException;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.MalformedDatagrams;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.web.http.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebApiIT {

    @TempDir
    Path dir;

    private WebTestRig rig;

    @BeforeEach
    void setUp() {
        rig = new WebTestRig(dir, false);
    }

    @AfterEach
    void tearDown() throws Exception {
        rig.close();
    }

    @Test
    void without_a_session_only_health_and_the_sign_in_page_answer() {
        WebTestRig.Client anonymous = rig.client();
        assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/login.html").statusCode()).isEqualTo(200);
        for (String path : new String[] {"/api/sensors", "/api/sensors/S1", "/api/sensors/S1/history", "/api/nodes",
                "/api/events", "/metrics", "/api/users"}) {
            HttpResponse<String> response = anonymous.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(WebTestRig.json(response).get("error").asText()).as(path).contains("sign in");
        }
        HttpResponse<String> page = anonymous.get("/index.html");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValue("/login.html?next=%2Findex.html");
        assertThat(anonymous.get("/").statusCode()).isEqualTo(302);
    }

    @Test
    void an_unauthenticated_websocket_upgrade_is_refused() {
        WebTestRig.Client anonymous = rig.client();
        Throwable failure = catchUpgrade(anonymous);
        assertThat(failure).isInstanceOf(java.net.http.WebSocketHandshakeException.class);
        assertThat(((java.net.http.WebSocketHandshakeException) failure).getResponse().statusCode()).isEqualTo(401);
    }

    private Throwable catchUpgrade(WebTestRig.Client client) {
        try {
            client.http().newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + rig.app.port() + "/live"),
                    new WebSocket.Listener() { }).join().abort();
            return null;
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void unauthenticated_commands_change_nothing() {
        RecordingCallbacks s1 = new RecordingCallbacks();
        Node node = rig.node("S1", s1);
        HttpResponse<String> response = rig.client().post("/api/nodes/S1/commands", "{\"command\":\"halt\"}");
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(node.isActive()).isTrue();
        assertThat(s1.control).noneMatch(frame -> frame.flag() == Flag.HALT);
    }

    @Test
    void a_cross_site_form_post_is_refused_even_with_the_users_cookie() {
        RecordingCallbacks s1 = new RecordingCallbacks();
        Node node = rig.node("S1", s1);
        WebTestRig.Client operator = rig.client().as(Role.operator);
        // What a foreign page's <form method=post> sends: its own Origin, urlencoded, no token; the cookie rides along.
        HttpResponse<String> forged = operator.send(HttpRequest.newBuilder(URI.create(rig.base() + "/api/nodes/S1/commands"))
                .header("Origin", "http://evil.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("command=halt")).build());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(WebTestRig.json(forged).get("error").asText()).contains("cross-site");
        // Same origin but without the token (a form on a page of ours injected elsewhere) is refused too.
        HttpResponse<String> tokenless = operator.send(HttpRequest.newBuilder(URI.create(rig.base() + "/api/nodes/S1/commands"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"command\":\"halt\"}")).build());
        assertThat(tokenless.statusCode()).isEqualTo(403);
        assertThat(WebTestRig.json(tokenless).get("error").asText()).contains("X-CSRF-Token");
        assertThat(node.isActive()).isTrue();
    }

    @Test
    void a_signed_in_operator_halts_and_starts_a_node() {
        RecordingCallbacks s1 = new RecordingCallbacks();
        Node node = rig.node("S1", s1);
        WebTestRig.Client operator = rig.client().as(Role.operator);
        HttpResponse<String> halt = operator.post("/api/nodes/S1/commands", "{\"command\":\"halt\"}");
        assertThat(halt.statusCode()).as(halt.body()).isEqualTo(202);
        assertThat(WebTestRig.json(halt).get("sent").asText()).isEqualTo("H");
        await().atMost(Duration.ofSeconds(5)).until(() -> !node.isActive());
        await().atMost(Duration.ofSeconds(5)).until(() ->
                WebTestRig.json(operator.get("/api/sensors/S1")).get("status").asText().equals("HALTED"));
        assertThat(operator.post("/api/nodes/S1/commands", "{\"command\":\"start\"}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(node::isActive);
    }

    @Test
    void ping_answers_with_the_round_trip() {
        rig.node("S1", new RecordingCallbacks());
        WebTestRig.Client operator = rig.client().as(Role.operator);
        HttpResponse<String> ping = operator.post("/api/nodes/S1/commands", "{\"command\":\"ping\"}");
        assertThat(ping.statusCode()).as(ping.body()).isEqualTo(200);
        JsonNode replies = WebTestRig.json(ping).get("replies");
        assertThat(replies).hasSize(1);
        assertThat(replies.get(0).get("from").asText()).isEqualTo("S1");
        assertThat(replies.get(0).get("rttMs").asDouble()).isPositive();
        assertThat(WebTestRig.json(operator.get("/api/sensors/S1")).get("pingRttMs").isNumber()).isTrue();
    }

    @Test
    void set_reaches_a_control_enabled_node_and_is_refused_for_others() {
        RecordingCallbacks q5 = new RecordingCallbacks();
        rig.node("Q5", q5);
        rig.node("S1", new RecordingCallbacks());
        WebTestRig.Client operator = rig.client().as(Role.operator);
        assertThat(operator.post("/api/nodes/Q5/commands", "{\"command\":\"set\",\"value\":21.5}").statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(5)).until(() -> q5.control.stream()
                .anyMatch(f -> f.flag() == Flag.SET && f.control().timeComponent() == 21.5));
        HttpResponse<String> refused = operator.post("/api/nodes/S1/commands", "{\"command\":\"set\",\"value\":3}");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(WebTestRig.json(refused).get("error").asText()).contains("Control");
    }

    @Test
    void a_viewer_reads_but_cannot_command() {
        Node node = rig.node("S1", new RecordingCallbacks());
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        assertThat(viewer.get("/api/sensors").statusCode()).isEqualTo(200);
        assertThat(viewer.get("/metrics").statusCode()).isEqualTo(200);
        HttpResponse<String> halt = viewer.post("/api/nodes/S1/commands", "{\"command\":\"halt\"}");
        assertThat(halt.statusCode()).isEqualTo(403);
        assertThat(WebTestRig.json(halt).get("error").asText()).contains("operator");
        assertThat(viewer.get("/api/users").statusCode()).isEqualTo(403);
        assertThat(node.isActive()).isTrue();
    }

    @Test
    void bad_parameters_get_a_400_that_says_what_was_wrong() {
        WebTestRig.Client operator = rig.client().as(Role.operator);
        assertError(operator.get("/api/sensors/S1/history?from=yesterday"), 400, "from must be epoch milliseconds");
        assertError(operator.get("/api/sensors/S1/history?step=minute"), 400, "step must be one of");
        assertError(operator.get("/api/sensors/S1/history?from=2000&to=1000"), 400, "from must be before to");
        assertError(operator.get("/api/sensors/S%C3%9F1/history"), 400, "code must be a two-character codifier");
        assertError(operator.get("/api/events?limit=0"), 400, "limit must be a whole number from 1 to 1000");
        assertError(operator.get("/api/sensors/ZZ"), 404, "no sensor ZZ");
        assertError(operator.post("/api/nodes/S1/commands", "{\"command\":\"explode\"}"), 400, "command must be one of");
        assertError(operator.post("/api/nodes/Q5/commands", "{\"command\":\"set\"}"), 400, "needs a finite number");
        assertError(operator.post("/api/nodes/Q5/commands", "{\"command\":\"set\",\"value\":\"warm\"}"), 400, "'value' must be a number");
        assertError(operator.post("/api/nodes/@@/commands", "{\"command\":\"halt\"}"), 400, "only ping may be sent to @@");
        assertError(operator.post("/api/nodes/S1/commands", "{not json"), 400, "not valid JSON");
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(WebTestRig.json(response).get("error").asText()).contains(message);
    }

    @Test
    void wrong_passwords_are_refused_and_then_rate_limited() {
        WebTestRig.Client guesser = rig.client();
        for (int i = 0; i < 5; i++) {
            assertError(guesser.login("operator@example.org", "guess " + i), 401, "wrong email or password");
        }
        HttpResponse<String> limited = guesser.login("operator@example.org", WebTestRig.PASSWORD);
        assertError(limited, 429, "too many failed sign-ins");
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
        // The address is limited too: guessing across accounts from one place gets nowhere either.
        assertError(guesser.login("nobody@example.org", "x"), 429, "too many failed sign-ins");
    }

    @Test
    void the_session_cookie_is_http_only_and_same_site_strict() {
        HttpResponse<String> login = rig.client().login("viewer@example.org", WebTestRig.PASSWORD);
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith("JPHSESSION=").contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("default-src 'self'"));
    }

    @Test
    void readings_heard_on_the_bus_show_in_the_api_with_their_proxy_grouped_under_the_node() {
        Node s1 = rig.node("S1", new RecordingCallbacks());
        s1.sendData(Codifier.of("S1"), 21.5);
        s1.sendData(Codifier.of("S2"), 64.0);
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        await().atMost(Duration.ofSeconds(5)).until(() -> WebTestRig.json(viewer.get("/api/sensors/S2")).get("value").asDouble() == 64.0);
        JsonNode s2 = WebTestRig.json(viewer.get("/api/sensors/S2"));
        assertThat(s2.get("node").asText()).isEqualTo("S1");
        assertThat(s2.get("status").asText()).isEqualTo("OK");
        JsonNode nodes = WebTestRig.json(viewer.get("/api/nodes")).get("nodes");
        JsonNode node = null;
        for (JsonNode candidate : nodes) {
            if (candidate.get("code").asText().equals("S1")) {
                node = candidate;
            }
        }
        assertThat(node).isNotNull();
        assertThat(node.get("proxies").toString()).contains("S2");
        // Two readings, each after its codifier's sequence announcement (n), and none lost.
        assertThat(node.get("received").asLong()).isEqualTo(4);
        assertThat(node.get("lost").asLong()).isZero();
        assertThat(viewer.get("/metrics").body()).contains("jph_frames_received_total{bus=\"data\"}");
    }

    @Test
    void a_routers_link_counters_reach_metrics_from_its_reading() throws Exception {
        Node router = rig.node("RT", new RecordingCallbacks());
        router.sendJson(Codifier.of("RT"), "{\"value\":3.5,\"forwarded\":42,\"links\":{\"house\":{\"forwarded\":40,"
                + "\"duplicate_suppressed\":2},\"shed\":{\"forwarded\":2,\"malformed\":1}}}");
        WebTestRig.Client viewer = rig.client().as(Role.viewer);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(viewer.get("/metrics").body())
                .contains("jph_router_frames_total{counter=\"forwarded\",link=\"house\",router=\"RT\"} 40.0")
                .contains("jph_router_frames_total{counter=\"malformed\",link=\"shed\",router=\"RT\"} 1.0"));
    }

    @Test
    void history_comes_from_the_stored_readings_and_rollups() throws Exception {
        Instant now = Instant.now();
        try (Connection connection = rig.database.connect(); Statement sql = connection.createStatement()) {
            for (int i = 0; i < 30; i++) {
                sql.execute("INSERT INTO reading (codifier, ts, seq, kind, value) VALUES ('S1', now() - interval '" + (i * 60)
                        + " seconds', " + i + ", 'f', " + (20 + i % 5) + ")");
            }
            sql.execute("INSERT INTO reading_rollup VALUES ('S1', 'hour', date_trunc('hour', now() - interval '2 days'), 60, 21, 19, 23, 21, 1)");
        }
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        JsonNode auto = WebTestRig.json(viewer.get("/api/sensors/S1/history?from=" + now.minus(Duration.ofHours(1)).toEpochMilli()
                + "&to=" + now.plusSeconds(1).toEpochMilli()));
        assertThat(auto.get("t").size()).isBetween(1, 30);
        assertThat(auto.get("min").get(0).asDouble()).isGreaterThanOrEqualTo(20);
        JsonNode raw = WebTestRig.json(viewer.get("/api/sensors/S1/history?step=raw&from=" + now.minus(Duration.ofHours(1))));
        assertThat(raw.get("t").size()).isEqualTo(30);
        assertThat(raw.get("step").asText()).isEqualTo("raw");
        JsonNode week = WebTestRig.json(viewer.get("/api/sensors/S1/history?from=" + now.minus(Duration.ofDays(6)).toEpochMilli()));
        assertThat(week.get("step").asText()).isEqualTo("10min");
        JsonNode month = WebTestRig.json(viewer.get("/api/sensors/S1/history?from=" + now.minus(Duration.ofDays(30)).toEpochMilli()));
        assertThat(month.get("step").asText()).isEqualTo("hour");
        assertThat(month.get("mean").get(0).asDouble()).isEqualTo(21.0);
    }

    @Test
    void the_csv_download_holds_exactly_the_rows_the_chart_of_the_same_range_draws() throws Exception {
        Instant now = Instant.now();
        try (Connection connection = rig.database.connect(); Statement sql = connection.createStatement()) {
            for (int i = 0; i < 12; i++) {
                sql.execute("INSERT INTO reading (codifier, ts, seq, kind, value) VALUES ('S1', now() - interval '" + (i * 60)
                        + " seconds', " + i + ", 'f', " + (20 + i) + ".5)");
            }
        }
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        String range = "?step=raw&from=" + now.minus(Duration.ofMinutes(5)).minusSeconds(30).toEpochMilli() + "&to=" + now.plusSeconds(1).toEpochMilli();

        JsonNode chart = WebTestRig.json(viewer.get("/api/sensors/S1/history" + range));
        HttpResponse<String> csv = viewer.get("/api/sensors/S1/history.csv" + range);

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains("attachment; filename=\"S1_"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).isEqualTo("time,epoch_ms,mean,min,max");
        assertThat(lines).hasSize(chart.get("t").size() + 1).hasSize(7);
        assertThat(lines[6]).endsWith("," + chart.get("t").get(5).asLong() + ",20.5,20.5,20.5");
        assertError(viewer.get("/api/sensors/S1/history.csv?step=minute"), 400, "step must be one of");
    }

    @Test
    void an_admin_adds_a_user_who_can_then_sign_in() {
        WebTestRig.Client admin = rig.client().as(Role.admin);
        assertThat(admin.post("/api/users", "{\"email\":\"new@example.org\",\"password\":\"short\",\"role\":\"viewer\"}").statusCode())
                .isEqualTo(400);
        assertThat(admin.post("/api/users", "{\"email\":\"new@example.org\",\"password\":\"long enough now\",\"role\":\"viewer\"}")
                .statusCode()).isEqualTo(201);
        assertThat(rig.client().login("new@example.org", "long enough now").statusCode()).isEqualTo(200);
        assertThat(WebTestRig.json(admin.get("/api/users")).get("users").toString()).contains("new@example.org");
    }

    @Test
    void users_made_through_the_api_follow_the_one_password_rule_jph_sql_follows() {
        WebTestRig.Client admin = rig.client().as(Role.admin);

        assertError(admin.post("/api/users", "{\"email\":\"ann@example.org\",\"password\":\"nine char\",\"role\":\"viewer\"}"),
                400, "password must have at least 10 characters");
        assertError(admin.post("/api/users", "{\"email\":\"ann@example.org\",\"password\":\"ann@example.org\",\"role\":\"viewer\"}"),
                400, "password must not be the account's email");
        assertError(admin.post("/api/users", "{\"email\":\"ann@example.org\",\"password\":\" ANN@example.org\",\"role\":\"viewer\"}"),
                400, "password must not be the account's email");
        // 37 characters but 74 bytes: bcrypt would read only 72 of them.
        assertError(admin.post("/api/users", "{\"email\":\"ann@example.org\",\"password\":\"" + "\u00e9".repeat(37)
                + "\",\"role\":\"viewer\"}"), 400, "password must be at most 72 bytes");
        // Changing an existing user's password goes through the same rule.
        assertError(admin.post("/api/users", "{\"email\":\"viewer@example.org\",\"password\":\"viewer@example.org\",\"role\":\"viewer\"}"),
                400, "password must not be the account's email");
        assertThat(rig.client().login("viewer@example.org", WebTestRig.PASSWORD).statusCode()).isEqualTo(200);

        assertThat(admin.post("/api/users", "{\"email\":\"ann@example.org\",\"password\":\"ten chars!\",\"role\":\"viewer\"}")
                .statusCode()).isEqualTo(201);
        assertThat(rig.client().login("ann@example.org", "ten chars!").statusCode()).isEqualTo(200);
    }

    @Test
    void an_email_longer_than_any_address_is_refused_before_the_login_limiter_counts_it() {
        WebTestRig.Client flooder = rig.client();
        String tooLong = "a".repeat(250) + "@example.org";
        for (int i = 0; i < 10; i++) {
            assertError(flooder.login(tooLong, "guess " + i), 400, "email must be at most 254 characters");
        }

        // Ten refused attempts from this address and none counted: it may still sign in.
        assertThat(flooder.login("operator@example.org", WebTestRig.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void malformed_datagrams_and_sequence_gaps_show_as_events_and_nothing_breaks() {
        try (LoopbackSender sender = new LoopbackSender()) {
            for (byte[] datagram : MalformedDatagrams.oneOfEachKind(false)) {
                sender.send(datagram, rig.mesh.dataGroup(), rig.mesh.dataPort());
            }
            long start = System.currentTimeMillis();
            for (long sequence : new long[] {100, 101, 102, 106, 107}) {
                sender.send(encode(Frame.data(sequence, start + sequence, Codifier.of("S1"), Readings.of(sequence))),
                        rig.mesh.dataGroup(), rig.mesh.dataPort());
            }
        }
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            String events = WebTestRig.json(viewer.get("/api/events")).get("events").toString();
            return events.contains("malformed datagram(s) dropped on the data bus") && events.contains("S1: 3 reading(s) missing");
        });
        JsonNode events = WebTestRig.json(viewer.get("/api/events"));
        assertThat(events.get("malformed").get("data").size()).isPositive();
        assertThat(WebTestRig.json(viewer.get("/api/sensors/S1")).get("value").asDouble()).isEqualTo(107.0);
        assertThat(viewer.get("/metrics").body()).containsPattern("jph_frames_malformed_total\\{bus=\"data\"} [1-9]");
    }

    private static byte[] encode(Frame frame) {
        io.netty.buffer.ByteBuf buffer = io.netty.buffer.Unpooled.buffer();
        FrameCodec.encode(frame, buffer);
        byte[] bytes = new byte[buffer.readableBytes()];
        buffer.readBytes(bytes);
        buffer.release();
        return bytes;
    }

    @Test
    void a_request_naming_a_foreign_host_is_refused_so_dns_rebinding_reads_nothing() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", rig.app.port())) {
            socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: evil.example:" + rig.app.port()
                    + "\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("only to loopback names");
        }
        assertThat(rig.client().get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void signing_in_from_a_deep_link_keeps_its_query() {
        HttpResponse<String> page = rig.client().get("/sensor.html?code=S1");
        assertThat(page.headers().firstValue("Location")).hasValue("/login.html?next=%2Fsensor.html%3Fcode%3DS1");
    }
}
