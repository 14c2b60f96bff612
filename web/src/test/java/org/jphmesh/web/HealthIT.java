package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.awaitility.core.ConditionFactory;
import org.jphmesh.bus.testing.TcpProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /health} against the real Redis and PostgreSQL, each behind a relay the test cuts and restores: the
 * answer must follow the dependency within a couple of seconds, not the state it had at start.
 */
class HealthIT {

    @TempDir
    Path dir;

    private final String keyPrefix = "jphtest-health-" + UUID.randomUUID().toString().substring(0, 8) + ":";

    private static ConditionFactory withinSeconds() {
        return await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100));
    }

    private static JsonNode health(WebTestRig rig) {
        return WebTestRig.json(rig.client().get("/health"));
    }

    @Test
    void redis_going_away_and_coming_back_shows_in_health() throws Exception {
        try (TcpProxy redis = new TcpProxy(6379);
             WebTestRig rig = new WebTestRig(dir, false, ",\"Redis\":{\"Host\":\"127.0.0.1\",\"Port\":" + redis.port()
                     + ",\"KeyPrefix\":\"" + keyPrefix + "\"}")) {
            withinSeconds().until(() -> health(rig).get("redis").asText().equals("up"));
            assertThat(health(rig).get("status").asText()).isEqualTo("UP");

            redis.cut();
            withinSeconds().until(() -> health(rig).get("redis").asText().equals("down"));
            JsonNode degraded = health(rig);
            assertThat(degraded.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(degraded.get("postgres").asText()).isEqualTo("up");
            assertThat(degraded.get("bus").asText()).isEqualTo("up");

            redis.restore();
            withinSeconds().until(() -> health(rig).get("redis").asText().equals("up"));
            assertThat(health(rig).get("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void postgres_going_away_and_coming_back_shows_in_health() throws Exception {
        try (TcpProxy postgres = new TcpProxy(5432);
             WebTestRig rig = new WebTestRig(dir, false, "", postgres.port())) {
            withinSeconds().until(() -> health(rig).get("postgres").asText().equals("up"));
            assertThat(health(rig).get("redis").asText()).isEqualTo("not configured");

            postgres.cut();
            withinSeconds().until(() -> health(rig).get("postgres").asText().equals("down"));
            JsonNode degraded = health(rig);
            assertThat(degraded.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(degraded.get("bus").asText()).isEqualTo("up");
            // Every answer while it is cut says down: none waits out the pool and then reports a stale "up".
            for (int i = 0; i < 5; i++) {
                assertThat(health(rig).get("postgres").asText()).isEqualTo("down");
            }

            postgres.restore();
            withinSeconds().until(() -> health(rig).get("postgres").asText().equals("up"));
            assertThat(health(rig).get("status").asText()).isEqualTo("UP");
        }
    }
}
