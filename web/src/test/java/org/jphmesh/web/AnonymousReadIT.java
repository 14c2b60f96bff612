package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnonymousReadIT {

    @TempDir
    Path dir;

    @Test
    void anonymous_read_lets_anyone_look_but_change_nothing() throws Exception {
        try (WebTestRig rig = new WebTestRig(dir, true)) {
            Node node = rig.node("S1", new RecordingCallbacks());
            WebTestRig.Client anyone = rig.client();
            assertThat(anyone.get("/api/sensors").statusCode()).isEqualTo(200);
            assertThat(anyone.get("/").statusCode()).isEqualTo(200);
            assertThat(WebTestRig.json(anyone.get("/api/session")).get("anonymous").asBoolean()).isTrue();
            assertThat(anyone.post("/api/nodes/S1/commands", "{\"command\":\"halt\"}").statusCode()).isEqualTo(403);
            assertThat(anyone.get("/api/users").statusCode()).isEqualTo(403);
            assertThat(node.isActive()).isTrue();
        }
    }
}
