package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.ReplicatedPostgres;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sql.ReplicatedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dashboard whose {@code Sensor.SQL.ReadHosts} names the streaming replica of its primary, both started by the
 * test: its history comes from the replica, so it still answers when the primary is gone.
 */
class HistoryFromReplicaIT {

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ReplicatedDatabase database;
    private WebApp app;

    @AfterEach
    void tearDown() {
        if (app != null) {
            app.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void history_is_read_from_the_replica_and_still_answers_with_the_primary_gone() throws Exception {
        database = ReplicatedDatabase.start("HistoryFromReplicaIT");
        ReplicatedPostgres servers = database.servers();
        servers.execute("jph", "INSERT INTO reading (codifier, ts, seq, kind, value)"
                + " SELECT 'S1', now() - make_interval(secs => n * 60), n, 'f', 20 + n FROM generate_series(1, 30) n");
        Path config = mesh.writeConfig(dir, String.join(",",
                "{\"Codifier\":\"CF\",\"ShortName\":\"Dashboard\",\"Type\":\"Web\",\"KeepAliveInterval\":60,\"Sensor\":{"
                        + "\"SQL\":{\"Database\":\"jph\",\"User\":\"postgres\",\"Host\":\"127.0.0.1:" + servers.primaryPort() + "\","
                        + "\"ReadHosts\":\"127.0.0.1:" + servers.replicaPort() + "\"},"
                        + "\"Web\":{\"Port\":0,\"AnonymousRead\":true}}}",
                TestMesh.entry("S1", "Simulated", 60, 60, "")));
        app = WebApp.start(NodeOptions.of(Codifier.of("CF"), config.toString()), null);

        await().atMost(Duration.ofSeconds(30)).until(() -> rawPoints() == 30);
        servers.crashPrimary();

        assertThat(rawPoints()).as("history from the replica, the primary gone").isEqualTo(30);
    }

    private int rawPoints() throws Exception {
        long from = System.currentTimeMillis() - Duration.ofHours(1).toMillis();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
                + "/api/sensors/S1/history?step=raw&from=" + from)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return -1;
        }
        JsonNode body = WebTestRig.json(response);
        return body.get("t").size();
    }
}
