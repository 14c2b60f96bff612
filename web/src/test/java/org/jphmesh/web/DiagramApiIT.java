package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jphmesh.web.http.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /api/diagrams} over a folder of the test's own: the list, one diagram, its image, and what is refused. */
class DiagramApiIT {

    private static final String SVG = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"200\" height=\"100\">"
            + "<script>alert(document.cookie)</script><rect width=\"200\" height=\"100\" fill=\"#cde\"/></svg>";
    // The 8-byte PNG signature and the start of an IHDR chunk: enough to be told apart from the SVG.
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};

    @TempDir
    Path dir;

    @TempDir
    Path outside;

    private WebTestRig rig;
    private Path diagrams;

    @BeforeEach
    void setUp() throws Exception {
        diagrams = Files.createDirectory(dir.resolve("diagrams"));
        Files.writeString(diagrams.resolve("plant.svg"), SVG);
        Files.writeString(diagrams.resolve("plant.json"), "{\"image\": \"plant.svg\", \"title\": \"Cooling loop\","
                + " \"items\": [{\"code\": \"S1\", \"x\": 120, \"y\": 80, \"label\": \"MAD out\"}, {\"code\": \"S2\", \"x\": 10, \"y\": 20}]}");
        Files.write(diagrams.resolve("shed.png"), PNG);
        Files.writeString(diagrams.resolve("shed.json"), "{\"image\": \"shed.png\", \"items\": []}");
        Files.writeString(diagrams.resolve("broken.json"), "{\"image\": \"plant.svg\", \"items\": [{\"code\": \"TOO\", \"x\": 1, \"y\": 2}]}");
        Files.writeString(diagrams.resolve("climb.json"), "{\"image\": \"../secret.svg\", \"items\": []}");
        Files.writeString(outside.resolve("secret.svg"), SVG);
        Files.createSymbolicLink(diagrams.resolve("linked.svg"), outside.resolve("secret.svg"));
        Files.writeString(diagrams.resolve("linked.json"), "{\"image\": \"linked.svg\", \"items\": []}");
        rig = new WebTestRig(dir, false, "", 5432, "", "\"Diagrams\":\"" + diagrams + "\"");
    }

    @AfterEach
    void tearDown() throws Exception {
        rig.close();
        // JUnit warns about a link out of its temporary folder; the link is the test's, so it goes first.
        Files.deleteIfExists(diagrams.resolve("linked.svg"));
    }

    @Test
    void the_list_names_each_diagram_by_title_and_reports_a_bad_file_by_name_and_key() {
        HttpResponse<String> response = rig.client().as(Role.viewer).get("/api/diagrams");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = WebTestRig.json(response);
        assertThat(answer.get("configured").asBoolean()).isTrue();
        assertThat(answer.get("diagrams").toString())
                .isEqualTo("[{\"name\":\"plant\",\"title\":\"Cooling loop\"},{\"name\":\"linked\",\"title\":\"linked\"},"
                        + "{\"name\":\"shed\",\"title\":\"shed\"}]");
        assertThat(answer.get("problems")).hasSize(2);
        assertThat(answer.get("problems").get(0).get("file").asText()).isEqualTo("broken.json");
        assertThat(answer.get("problems").get(0).get("error").asText())
                .isEqualTo("broken.json: items[0].code must be a two-character codifier like G1, not \"TOO\"");
        assertThat(answer.get("problems").get(1).get("error").asText())
                .startsWith("climb.json: image must be the name of a .svg or .png file in the same folder");
    }

    @Test
    void one_diagram_answers_its_checked_json() {
        HttpResponse<String> response = rig.client().as(Role.viewer).get("/api/diagrams/plant");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode diagram = WebTestRig.json(response);
        assertThat(diagram.get("title").asText()).isEqualTo("Cooling loop");
        assertThat(diagram.get("image").asText()).isEqualTo("plant.svg");
        assertThat(diagram.get("items").toString()).isEqualTo("[{\"code\":\"S1\",\"x\":120.0,\"y\":80.0,\"label\":\"MAD out\"},"
                + "{\"code\":\"S2\",\"x\":10.0,\"y\":20.0,\"label\":null}]");
        HttpResponse<String> broken = rig.client().as(Role.viewer).get("/api/diagrams/broken");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(WebTestRig.json(broken).get("error").asText()).startsWith("broken.json: items[0].code");
        assertThat(rig.client().as(Role.viewer).get("/api/diagrams/nothing").statusCode()).isEqualTo(404);
    }

    @Test
    void the_image_comes_with_its_content_type_and_an_svg_under_a_policy_that_runs_no_script() throws Exception {
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        HttpResponse<byte[]> svg = bytes(viewer, "/api/diagrams/plant/image");
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/svg+xml"));
        assertThat(new String(svg.body(), StandardCharsets.UTF_8)).isEqualTo(SVG);
        assertThat(svg.headers().allValues("Content-Security-Policy")).hasSize(1).allSatisfy(policy ->
                assertThat(policy).contains("script-src 'none'").contains("sandbox"));
        assertThat(svg.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        HttpResponse<byte[]> png = bytes(viewer, "/api/diagrams/shed/image");
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("image/png"));
        assertThat(png.body()).isEqualTo(PNG);
    }

    @Test
    void nothing_outside_the_folder_is_served() throws Exception {
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        // Encoded separators: Jetty refuses them as ambiguous, or the name check does; either way nothing is read.
        for (String path : new String[] {"/api/diagrams/..%2F..%2Fetc%2Fpasswd/image", "/api/diagrams/..%2Fdiagrams%2Fplant",
                "/api/diagrams/%2E%2E/image", "/api/diagrams/%2Fetc%2Fpasswd"}) {
            HttpResponse<String> response = viewer.get(path);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).doesNotContain("root:").doesNotContain("<svg");
        }
        HttpResponse<String> dotted = viewer.get("/api/diagrams/plant.json/image");
        assertThat(dotted.statusCode()).isEqualTo(400);
        assertThat(WebTestRig.json(dotted).get("error").asText()).startsWith("name must be a diagram's name");
        HttpResponse<String> climbing = viewer.get("/api/diagrams/climb/image");
        assertThat(climbing.statusCode()).isEqualTo(500);
        assertThat(WebTestRig.json(climbing).get("error").asText()).contains("image must be the name of a .svg or .png file");
        HttpResponse<String> linked = viewer.get("/api/diagrams/linked/image");
        assertThat(linked.statusCode()).isEqualTo(404);
        assertThat(WebTestRig.json(linked).get("error").asText()).contains("linked.svg").contains("not a file in the diagrams folder");
    }

    @Test
    void without_a_session_nothing_is_read() {
        for (String path : new String[] {"/api/diagrams", "/api/diagrams/plant", "/api/diagrams/plant/image"}) {
            assertThat(rig.client().get(path).statusCode()).as(path).isEqualTo(401);
        }
    }

    @Test
    void a_diagram_fixed_on_disk_is_listed_at_the_next_request() throws Exception {
        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        assertThat(WebTestRig.json(viewer.get("/api/diagrams")).get("problems")).hasSize(2);

        Files.writeString(diagrams.resolve("broken.json"), "{\"image\": \"plant.svg\", \"title\": \"Mended\", \"items\": []}");

        JsonNode answer = WebTestRig.json(viewer.get("/api/diagrams"));
        assertThat(answer.get("problems")).hasSize(1);
        assertThat(answer.get("diagrams").findValuesAsText("title")).contains("Mended");
    }

    private HttpResponse<byte[]> bytes(WebTestRig.Client client, String path) throws Exception {
        return client.http().send(HttpRequest.newBuilder(URI.create(rig.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }
}
