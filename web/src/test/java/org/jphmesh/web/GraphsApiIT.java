package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jphmesh.web.http.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/graphs} over real sockets and a real PostgreSQL: each user's saved graphs in {@code saved_graph}. */
class GraphsApiIT {

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
    void a_viewer_saves_lists_replaces_and_deletes_their_own_graphs() {
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        assertThat(WebTestRig.json(viewer.get("/api/graphs")).get("graphs")).isEmpty();
        assertThat(WebTestRig.json(viewer.get("/api/graphs")).get("canSave").asBoolean()).isTrue();

        HttpResponse<String> created = viewer.post("/api/graphs", "{\"name\":\"Greenhouse\",\"codes\":[\"S1\",\"S2\"],\"range\":\"6h\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(WebTestRig.json(created).get("replaced").asBoolean()).isFalse();
        assertThat(viewer.post("/api/graphs", "{\"name\":\"Zeta\",\"codes\":[\"Q5\"]}").statusCode()).isEqualTo(201);

        JsonNode graphs = WebTestRig.json(viewer.get("/api/graphs")).get("graphs");
        assertThat(graphs).hasSize(2);
        assertThat(graphs.get(0).get("name").asText()).isEqualTo("Greenhouse");
        assertThat(graphs.get(0).get("codes").toString()).isEqualTo("[\"S1\",\"S2\"]");
        assertThat(graphs.get(0).get("range").asText()).isEqualTo("6h");
        assertThat(graphs.get(1).get("range").asText()).as("the default range").isEqualTo("1h");

        HttpResponse<String> replaced = viewer.post("/api/graphs", "{\"name\":\"Greenhouse\",\"codes\":[\"Q5\",\"S1\"],\"range\":\"7d\"}");
        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(WebTestRig.json(replaced).get("replaced").asBoolean()).isTrue();
        graphs = WebTestRig.json(viewer.get("/api/graphs")).get("graphs");
        assertThat(graphs).hasSize(2);
        assertThat(graphs.get(0).get("codes").toString()).isEqualTo("[\"Q5\",\"S1\"]");
        assertThat(graphs.get(0).get("range").asText()).isEqualTo("7d");

        assertThat(viewer.post("/api/graphs/Greenhouse/delete", "{}").statusCode()).isEqualTo(204);
        graphs = WebTestRig.json(viewer.get("/api/graphs")).get("graphs");
        assertThat(graphs).hasSize(1);
        assertThat(graphs.get(0).get("name").asText()).isEqualTo("Zeta");
        assertError(viewer.post("/api/graphs/Greenhouse/delete", "{}"), 404, "no saved graph named 'Greenhouse'");
    }

    @Test
    void a_name_with_spaces_is_deleted_by_its_encoded_path() {
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        assertThat(viewer.post("/api/graphs", "{\"name\":\"Cool room, 2 days\",\"codes\":[\"S1\"]}").statusCode()).isEqualTo(201);
        assertThat(viewer.post("/api/graphs/Cool%20room%2C%202%20days/delete", "{}").statusCode()).isEqualTo(204);
        assertThat(WebTestRig.json(viewer.get("/api/graphs")).get("graphs")).isEmpty();
    }

    @Test
    void each_user_sees_and_deletes_only_their_own_graphs() {
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        WebTestRig.Client admin = rig.client().as(Role.admin);
        assertThat(viewer.post("/api/graphs", "{\"name\":\"Mine\",\"codes\":[\"S1\"]}").statusCode()).isEqualTo(201);
        assertThat(admin.post("/api/graphs", "{\"name\":\"Mine\",\"codes\":[\"Q5\"]}").statusCode())
                .as("the same name for another user is another graph").isEqualTo(201);
        assertThat(WebTestRig.json(admin.get("/api/graphs")).get("graphs").get(0).get("codes").toString()).isEqualTo("[\"Q5\"]");
        assertThat(admin.post("/api/graphs/Mine/delete", "{}").statusCode()).isEqualTo(204);
        assertThat(WebTestRig.json(viewer.get("/api/graphs")).get("graphs").get(0).get("codes").toString()).isEqualTo("[\"S1\"]");
    }

    @Test
    void bad_graphs_get_a_400_that_says_what_was_wrong() {
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        assertError(viewer.post("/api/graphs", "{\"codes\":[\"S1\"]}"), 400, "'name' is required");
        assertError(viewer.post("/api/graphs", "{\"name\":\"\",\"codes\":[\"S1\"]}"), 400, "name must be 1 to 100 characters");
        assertError(viewer.post("/api/graphs", "{\"name\":\"" + "x".repeat(101) + "\",\"codes\":[\"S1\"]}"), 400,
                "name must be 1 to 100 characters");
        assertError(viewer.post("/api/graphs", "{\"name\":\"a/b\",\"codes\":[\"S1\"]}"), 400, "may not contain '/'");
        assertError(viewer.post("/api/graphs", "{\"name\":\"g\"}"), 400, "'codes' is required");
        assertError(viewer.post("/api/graphs", "{\"name\":\"g\",\"codes\":[]}"), 400, "1 to 8 codifiers, not 0");
        assertError(viewer.post("/api/graphs", "{\"name\":\"g\",\"codes\":[\"S1\",\"S2\",\"Q5\",\"RT\",\"CF\",\"A1\",\"A2\",\"A3\",\"A4\"]}"),
                400, "1 to 8 codifiers, not 9");
        assertError(viewer.post("/api/graphs", "{\"name\":\"g\",\"codes\":[\"S1\",\"ZZ\"]}"), 400,
                "ZZ is not known to this dashboard");
        assertError(viewer.post("/api/graphs", "{\"name\":\"g\",\"codes\":[\"S1\",1]}"), 400, "each must be a codifier as a string");
        assertError(viewer.post("/api/graphs", "{\"name\":\"g\",\"codes\":[\"S1\"],\"range\":\"week\"}"), 400,
                "range must be a whole number of minutes, hours or days");
        assertError(viewer.post("/api/graphs", "{\"name\":\"g\",\"codes\":[\"S1\"],\"colour\":\"red\"}"), 400, "unknown field 'colour'");
        assertError(viewer.post("/api/graphs", "{not json"), 400, "not valid JSON");
        assertThat(WebTestRig.json(viewer.get("/api/graphs")).get("graphs")).isEmpty();
    }

    @Test
    void a_cross_site_or_tokenless_save_is_refused() {
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        HttpResponse<String> forged = viewer.send(HttpRequest.newBuilder(URI.create(rig.base() + "/api/graphs"))
                .header("Origin", "http://evil.example").header("Content-Type", "application/json")
                .header("X-CSRF-Token", viewer.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"evil\",\"codes\":[\"S1\"]}")).build());
        assertError(forged, 403, "cross-site");
        HttpResponse<String> tokenless = viewer.send(HttpRequest.newBuilder(URI.create(rig.base() + "/api/graphs/x/delete"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertError(tokenless, 403, "X-CSRF-Token");
        HttpResponse<String> form = viewer.send(HttpRequest.newBuilder(URI.create(rig.base() + "/api/graphs"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-CSRF-Token", viewer.csrf())
                .POST(HttpRequest.BodyPublishers.ofString("name=evil&codes=S1")).build());
        assertError(form, 415, "application/json");
        assertThat(WebTestRig.json(viewer.get("/api/graphs")).get("graphs")).isEmpty();
        assertError(rig.client().get("/api/graphs"), 401, "sign in");
    }

    @Test
    void anonymous_read_lists_no_graphs_and_cannot_save_one() throws Exception {
        try (WebTestRig open = new WebTestRig(Files.createDirectories(dir.resolve("open")), true)) {
            WebTestRig.Client anyone = open.client();
            JsonNode list = WebTestRig.json(anyone.get("/api/graphs"));
            assertThat(list.get("canSave").asBoolean()).isFalse();
            assertThat(list.get("graphs")).isEmpty();
            assertThat(anyone.post("/api/graphs", "{\"name\":\"g\",\"codes\":[\"S1\"]}").statusCode()).isEqualTo(403);
            assertThat(anyone.post("/api/graphs/g/delete", "{}").statusCode()).isEqualTo(403);
            WebTestRig.Client viewer = open.client().as(Role.viewer);
            assertThat(viewer.post("/api/graphs", "{\"name\":\"g\",\"codes\":[\"S1\"]}").statusCode()).isEqualTo(201);
            assertThat(WebTestRig.json(anyone.get("/api/graphs")).get("graphs")).as("a signed-in user's graphs stay theirs").isEmpty();
        }
    }

    private static void assertError(HttpResponse<String> response, int status, String message) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(WebTestRig.json(response).get("error").asText()).contains(message);
    }
}
