package org.jphmesh.sensor.alert.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.jphmesh.sensor.alert.notify.Notifications.firing;
import static org.jphmesh.sensor.alert.notify.Notifications.ids;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook channel against a real HTTP server on 127.0.0.1, which the test starts late or stops to play "down". */
class WebhookNotifierIT {

    private static final String LABEL = "Sensors (AL).Sensor.Notify";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as the server saw it. */
    private record Received(String method, Headers headers, JsonNode body) {
    }

    @TempDir
    Path folder;

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<NotificationOutbox> opened = new ArrayList<>();
    private final AtomicInteger errorsToAnswer = new AtomicInteger();
    private HttpServer server;
    private int port;

    @BeforeEach
    void pickPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
    }

    @AfterEach
    void stop() {
        opened.forEach(NotificationOutbox::close);
        stopServer();
    }

    private void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/alerts", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                if (errorsToAnswer.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                    byte[] answer = "{\"error\":\"busy\"}".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(503, answer.length);
                    exchange.getResponseBody().write(answer);
                } else {
                    received.add(new Received(exchange.getRequestMethod(), exchange.getRequestHeaders(), JSON.readTree(body)));
                    exchange.sendResponseHeaders(200, -1);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private void stopServer() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    private NotifySettings settings(String extra) {
        try {
            return NotifySettings.read(ConfigBlock.of(JSON.readTree("{\"Webhook\": {\"Url\": \"http://127.0.0.1:" + port
                    + "/alerts\"" + extra + "}}"), LABEL));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private NotificationOutbox open(NotifySettings settings) {
        NotificationOutbox outbox = NotificationOutbox.open(LABEL, folder, settings.notifiers(Codifier.of("AL")),
                Clock.systemUTC());
        opened.add(outbox);
        return outbox;
    }

    private List<String> receivedAlerts() {
        return received.stream().map(r -> "W1-" + (r.body().get("since").asLong() - 1_795_320_293_289L)).toList();
    }

    @Test
    void the_post_carries_exactly_the_eight_fields_and_the_configured_headers() throws Exception {
        Path headersFile = Files.writeString(folder.resolve("ntfy.headers"), "# kept out of config.json\nAuthorization: Bearer tk_test\n");
        startServer();
        List<Notifier> channels = settings(", \"Headers\": {\"Title\": \"Greenhouse\"}, \"HeadersFile\": \"" + headersFile
                + "\"").notifiers(Codifier.of("AL"));

        channels.get(0).deliver(firing(1));

        assertThat(received).hasSize(1);
        Received post = received.get(0);
        assertThat(post.method()).isEqualTo("POST");
        List<String> fields = new ArrayList<>();
        for (Iterator<String> it = post.body().fieldNames(); it.hasNext(); ) {
            fields.add(it.next());
        }
        assertThat(fields).containsExactly("alert", "name", "state", "severity", "value", "since", "message", "node");
        assertThat(post.body()).isEqualTo(JSON.readTree("{\"alert\": \"W1\", \"name\": \"Greenhouse too hot\", \"state\":"
                + " \"firing\", \"severity\": \"warning\", \"value\": 31.2, \"since\": 1795320293290, \"message\":"
                + " \"{{G1}} > 30: G1 = 31.2\", \"node\": \"AL\"}"));
        assertThat(post.headers().getFirst("Title")).isEqualTo("Greenhouse");
        assertThat(post.headers().getFirst("Authorization")).isEqualTo("Bearer tk_test");
        assertThat(post.headers().getFirst("Content-Type")).isEqualTo("application/json");
        assertThat(post.headers().getFirst("Idempotency-Key")).isEqualTo("W1-1");
    }

    @Test
    void an_answer_other_than_2xx_is_a_failure_and_the_outbox_tries_again() throws Exception {
        startServer();
        errorsToAnswer.set(1);
        Notifier webhook = settings("").notifiers(Codifier.of("AL")).get(0);

        assertThatThrownBy(() -> webhook.deliver(firing(1))).isInstanceOf(IOException.class)
                .hasMessageContaining("answered HTTP 503: {\"error\":\"busy\"}").message().doesNotContain("/alerts");

        errorsToAnswer.set(1);
        NotificationOutbox outbox = open(settings(""));
        outbox.submit(firing(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        assertThat(outbox.counters().channel("webhook").failedAttempts()).isEqualTo(1);
    }

    @Test
    void an_unreachable_endpoint_loses_nothing_and_gets_all_in_order_exactly_once_when_it_comes_up() throws Exception {
        NotificationOutbox outbox = open(settings(", \"Timeout\": 2"));

        for (int i = 1; i <= 5; i++) {
            outbox.submit(firing(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> outbox.counters().channel("webhook").failedAttempts() >= 1);
        startServer();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 5);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received.size() == 5);
        assertThat(receivedAlerts()).isEqualTo(ids(1, 5));
        assertThat(outbox.counters().channel("webhook").queued()).isZero();
    }

    @Test
    void a_restarted_outbox_delivers_what_was_pending_and_never_resends_what_was_delivered() throws Exception {
        startServer();
        NotificationOutbox first = open(settings(""));
        first.submit(firing(1));
        first.submit(firing(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 2);
        stopServer();
        for (int i = 3; i <= 5; i++) {
            first.submit(firing(i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> first.counters().channel("webhook").failedAttempts() >= 1);
        first.close();

        NotificationOutbox second = open(settings(""));
        assertThat(second.counters().channel("webhook").queued()).isEqualTo(3);
        await().atMost(Duration.ofSeconds(10)).until(() -> second.counters().channel("webhook").failedAttempts() >= 1);
        startServer();

        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 5);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> received.size() == 5);
        assertThat(receivedAlerts()).isEqualTo(ids(1, 5));
    }
}
