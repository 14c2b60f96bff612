package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.web.http.auth.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Another instance of the dashboard's codifier, newer than it, is reported and never makes it stop (issue 13, item 9). */
class DuplicateInstanceIT {

    private static final Codifier CF = Codifier.of("CF");

    @TempDir
    Path dir;

    @Test
    void a_newer_instance_of_its_codifier_is_reported_on_health_and_in_the_events_and_the_dashboard_runs_on()
            throws Exception {
        try (WebTestRig rig = new WebTestRig(dir, true);
             LoopbackSender sender = new LoopbackSender()) {
            long theirStart = System.currentTimeMillis() + 60_000;
            AtomicLong sequence = new AtomicLong(50_000);
            sender.send(LoopbackSender.encode(Frame.control(sequence.get(), theirStart, Flag.NEW_SEQUENCE, CF, Codifier.BROADCAST,
                    theirStart, true)), rig.mesh.controlGroup(), rig.mesh.controlPort());

            // What a second instance sends: alive frames counting up, for longer than the bus needs as evidence.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(300)).until(() -> {
                long now = System.currentTimeMillis();
                sender.send(LoopbackSender.encode(Frame.control(sequence.incrementAndGet(), now, Flag.ALIVE, CF, Codifier.BROADCAST,
                        theirStart, true)), rig.mesh.controlGroup(), rig.mesh.controlPort());
                return WebTestRig.json(rig.client().get("/health")).path("conflict").isTextual();
            });

            JsonNode health = WebTestRig.json(rig.client().get("/health"));
            assertThat(health.get("conflict").asText()).startsWith("another instance of CF runs at 127.0.0.1")
                    .contains("newer than this one");
            assertThat(health.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.get("bus").asText()).isEqualTo("up");
            assertThat(rig.app.node().whenStopped()).isNotDone();
            WebTestRig.Client viewer = rig.client().as(Role.viewer);
            assertThat(WebTestRig.json(viewer.get("/api/events")).get("events").toString())
                    .contains("this dashboard keeps running");
        }
    }
}
