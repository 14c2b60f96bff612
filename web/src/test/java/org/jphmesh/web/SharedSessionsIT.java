package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.web.http.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/**
 * Sessions in PostgreSQL: a browser stays signed in across a dashboard restart, and two dashboards on one database
 * share sign-ins, sign-outs and user removals.
 */
class SharedSessionsIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private WebTestRig rig;
    private WebApp second;
    private WebDriver browser;

    @BeforeEach
    void setUp() {
        rig = new WebTestRig(dir, false);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (second != null) {
            second.close();
        }
        rig.close();
    }

    @Test
    void a_dashboard_restart_keeps_a_browser_signed_in() throws Exception {
        browser = HeadlessChromium.start(dir.resolve("chromium"));
        browser.get(rig.base() + "/login.html");
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("email")).isEmpty());
        browser.findElement(By.id("email")).sendKeys("operator@example.org");
        browser.findElement(By.id("password")).sendKeys(WebTestRig.PASSWORD);
        browser.findElement(By.id("login-button")).click();
        await().atMost(WAIT).until(() -> !browser.getCurrentUrl().contains("/login.html"));

        rig.app.close();
        second = WebApp.start(NodeOptions.of(Codifier.of("CF"), rig.config.toString()), null);
        String restarted = "http://127.0.0.1:" + second.port();

        browser.get(restarted + "/nodes.html");
        await().atMost(WAIT).until(() -> browser.findElement(By.tagName("body")).getText().contains("operator@example.org"));
        assertThat(browser.getCurrentUrl()).as("not sent to sign in again").doesNotContain("/login.html");
        browser.get(restarted + "/api/session");
        assertThat(browser.findElement(By.tagName("body")).getText()).contains("\"user\":\"operator@example.org\"")
                .contains("\"anonymous\":false");
        try (Connection connection = rig.database.connect(); Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT count(*), bool_and(octet_length(id_hash) = 32) FROM web_session")) {
            row.next();
            assertThat(row.getInt(1)).isEqualTo(1);
            assertThat(row.getBoolean(2)).as("only a hash of the id is stored").isTrue();
        }
    }

    @Test
    void two_dashboards_on_one_database_share_a_sign_in_a_sign_out_and_a_user_removal() throws Exception {
        second = WebApp.start(NodeOptions.of(Codifier.of("CG"), secondDashboardConfig().toString()), null);
        String other = "http://127.0.0.1:" + second.port();
        WebTestRig.Client onFirst = rig.client().as(Role.operator);
        WebTestRig.Client onSecond = onFirst.at(other);

        assertThat(WebTestRig.json(onSecond.get("/api/session")).get("user").asText()).isEqualTo("operator@example.org");
        assertThat(onSecond.post("/api/logout", "{}").statusCode()).isEqualTo(204);
        assertThat(onFirst.get("/api/session").statusCode()).as("signed out on the other dashboard").isEqualTo(401);

        WebTestRig.Client viewer = rig.client().as(Role.viewer);
        assertThat(viewer.get("/api/session").statusCode()).isEqualTo(200);
        WebTestRig.Client admin = rig.client().at(other).as(Role.admin);
        assertThat(admin.post("/api/users/viewer@example.org/delete", "{}").statusCode()).isEqualTo(204);
        assertThat(viewer.get("/api/session").statusCode()).as("removed on the other dashboard").isEqualTo(401);
        assertThat(viewer.at(other).get("/api/session").statusCode()).isEqualTo(401);
    }

    /** The rig's config with a second dashboard, CG, on the same database. */
    private Path secondDashboardConfig() throws Exception {
        JsonNode config = WebTestRig.JSON.readTree(rig.config.toFile());
        ArrayNode sensors = (ArrayNode) config.get("Sensors");
        ObjectNode cg = sensors.get(0).deepCopy();
        assertThat(cg.get("Codifier").asText()).isEqualTo("CF");
        cg.put("Codifier", "CG").put("ShortName", "Second dashboard");
        sensors.add(cg);
        Path file = Files.createDirectories(dir.resolve("second")).resolve("config.json");
        WebTestRig.JSON.writeValue(file.toFile(), config);
        return file;
    }
}
