package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The overview of the demo's own config.json (every entry as ./jph demo has it, the bus moved to this test's private
 * groups, the dashboard without database) at 1440x900: every tile on screen without scrolling, units and states
 * spelled for people.
 */
class DemoOverviewBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    // Tests run in the module folder; the demo config lives one level up.
    private static final Path DEMO = Path.of("..", "config.json");

    @TempDir
    Path dir;

    private final List<AutoCloseable> running = new ArrayList<>();
    private WebDriver browser;

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    @Test
    void every_tile_of_the_demo_is_in_a_1440_by_900_window_without_scrolling() throws Exception {
        MeshConfig demo = ConfigLoader.load(DEMO.toString());
        Path config = demoOnPrivateGroups();
        WebApp app = WebApp.start(NodeOptions.of(Codifier.of("CF"), config.toString()), null);
        running.add(app);
        // The nodes of the demo that send readings, each sending one for itself and its proxies.
        Map<String, List<String>> sends = new TreeMap<>();
        for (SensorConfig entry : demo.sensors()) {
            if (entry.isProxy()) {
                sends.computeIfAbsent(entry.proxyParent().value(), k -> new ArrayList<>()).add(entry.codifier());
            } else if (List.of("Simulated", "controlSensor", "PythonNinja", "SystemHealth", "Collector").contains(entry.type())) {
                sends.computeIfAbsent(entry.codifier(), k -> new ArrayList<>()).add(0, entry.codifier());
            }
        }
        for (Map.Entry<String, List<String>> node : sends.entrySet()) {
            Node sender = Node.start(NodeOptions.of(Codifier.of(node.getKey()), config.toString()), new RecordingCallbacks());
            running.add(sender);
            for (String code : node.getValue()) {
                sender.sendData(Codifier.of(code), code.equals("D1") ? 1.0 : 21.5);
            }
        }

        browser = HeadlessChromium.start(dir.resolve("chromium"));
        browser.get("http://127.0.0.1:" + app.port() + "/");
        // A 1440x900 viewport, what the page gets to draw in; the window around it is a little larger.
        browser.manage().window().setSize(new Dimension(1440, 900));
        long chromeHeight = 900 - ((Number) script("return window.innerHeight")).longValue();
        browser.manage().window().setSize(new Dimension(1440, 900 + (int) chromeHeight));
        await().atMost(WAIT).until(() -> "open".equals(tileValue("D1")));
        assertThat(tileValue("G1")).isEqualTo("21.5 °C");

        java.nio.file.Files.createDirectories(Path.of("target", "screenshots"));
        java.nio.file.Files.copy(((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(),
                Path.of("target", "screenshots", "demo-overview.png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Object total = script("return document.querySelectorAll('.tile').length");
        assertThat(((Number) total).intValue()).as("every sensor of the demo has a tile").isEqualTo(23);
        Object outside = script("const h = window.innerHeight, w = document.documentElement.clientWidth;"
                + " return [...document.querySelectorAll('.tile')].filter(t => { const r = t.getBoundingClientRect();"
                + " return r.top < 0 || r.bottom > h || r.left < 0 || r.right > w; }).map(t => t.dataset.code).join(',')");
        assertThat(String.valueOf(outside)).as("tiles outside the 1440x900 window").isEmpty();
        Object inner = script("return window.innerWidth + 'x' + window.innerHeight");
        assertThat(String.valueOf(inner)).as("the viewport measured").isEqualTo("1440x900");
    }

    /** The demo's config.json with the bus moved to a private test mesh and the dashboard on a free port, without database. */
    private Path demoOnPrivateGroups() throws Exception {
        JsonNode demo = WebTestRig.JSON.readTree(DEMO.toFile());
        List<String> entries = new ArrayList<>();
        for (JsonNode entry : demo.get("Sensors")) {
            ObjectNode copy = entry.deepCopy();
            if ("CF".equals(entry.path("Codifier").asText())) {
                ObjectNode sensor = copy.putObject("Sensor");
                sensor.putObject("Web").put("Port", 0).put("AnonymousRead", true)
                        .put("Diagrams", Path.of("..", "docs", "diagrams").toAbsolutePath().normalize().toString());
            }
            entries.add(copy.toString());
        }
        return TestMesh.fresh().writeConfig(dir, String.join(",", entries));
    }

    private String tileValue(String code) {
        return browser.findElements(By.cssSelector(".tile[data-code='" + code + "'] .tile-value")).stream()
                .findFirst().map(WebElement::getText).orElse(null);
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }
}
