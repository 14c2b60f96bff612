package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.jphmesh.web.http.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The Graphs page in Debian's Chromium: a viewer overlays three codifiers of two units, saves the graph, finds it
 * in the list, opens it by its link and by a codes link, and deletes it; a third unit stacks a second chart.
 */
class GraphsBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final By CHARTS = By.cssSelector("#graph-charts .chart");

    @TempDir
    Path dir;

    private WebTestRig rig;
    private WebDriver browser;

    @BeforeEach
    void setUp() throws Exception {
        rig = new WebTestRig(dir, false, "", 5432, String.join(",", entry("T1", "C"), entry("T2", "C"), entry("H1", "%"),
                entry("P1", "W")));
        try (Connection connection = rig.database.connect(); Statement sql = connection.createStatement()) {
            List<String> codes = List.of("T1", "T2", "H1", "P1");
            for (int i = 0; i < codes.size(); i++) {
                sql.execute("INSERT INTO reading (codifier, ts, seq, kind, value) SELECT '" + codes.get(i) + "',"
                        + " now() - make_interval(secs => g * 60), g, 'f', " + (20 + 15 * i) + " + 4 * sin(g / " + (3 + i)
                        + ".0) FROM generate_series(1, 50) AS g");
            }
            // T2 reads every minute but was silent for 7 minutes: its line breaks there, the others' do not.
            sql.execute("DELETE FROM reading WHERE codifier = 'T2' AND ts BETWEEN now() - interval '630 seconds'"
                    + " AND now() - interval '270 seconds'");
        }
        browser = HeadlessChromium.start(dir.resolve("chromium"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void a_graph_of_three_codifiers_in_two_units_round_trips_through_save_list_link_and_delete() throws IOException {
        browser.get(rig.base() + "/graphs.html");
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/login.html"));
        signIn("viewer@example.org");
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/graphs.html"));
        await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("a[data-nav='graphs'][aria-current='page']")).isEmpty());

        for (String code : List.of("T1", "T2", "H1")) {
            By box = By.cssSelector("#code-picker input[data-code='" + code + "']");
            await().atMost(WAIT).until(() -> !browser.findElements(box).isEmpty());
            browser.findElement(box).click();
        }
        browser.findElement(By.cssSelector("button[data-range='15m']")).click();
        awaitCharts("°C,%:T1,T2,H1");
        assertThat(browser.findElements(By.cssSelector("#graph-chart-0 canvas"))).isNotEmpty();
        assertThat(browser.findElement(By.id("graph-chart-0")).getAttribute("data-gaps")).as("T2's silence, and only it").isEqualTo("1");

        browser.findElement(By.id("graph-name")).sendKeys("Climate");
        browser.findElement(By.id("save-graph")).click();
        By listed = By.cssSelector("#saved-list li[data-graph='Climate']");
        await().atMost(WAIT).until(() -> !browser.findElements(listed).isEmpty());
        assertThat(browser.findElement(listed).getText()).contains("T1, T2, H1").contains("15m");
        assertThat(browser.findElement(By.id("graph-result")).getText()).contains("Saved \"Climate\"");
        assertThat(browser.getCurrentUrl()).endsWith("/graphs.html?graph=Climate");
        assertThat(WebTestRig.json(rig.client().as(Role.viewer).get("/api/graphs")).get("graphs").get(0).get("codes").toString())
                .isEqualTo("[\"T1\",\"T2\",\"H1\"]");

        browser.get(rig.base() + "/graphs.html?graph=Climate");
        awaitCharts("°C,%:T1,T2,H1");
        assertThat(browser.findElement(By.id("graph-title")).getText()).isEqualTo("Climate");
        assertThat(browser.findElement(By.cssSelector("button[data-range='15m']")).getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("#code-picker input[data-code='H1']")).isSelected()).isTrue();
        assertThat(browser.findElement(By.cssSelector("#code-picker input[data-code='P1']")).isSelected()).isFalse();

        // A view anyone who may read can open without saving; a third unit goes to a second chart.
        browser.get(rig.base() + "/graphs.html?codes=T1,H1,P1&range=1h");
        awaitCharts("°C,%:T1,H1", "W:P1");
        screenshot("graphs");
        browser.manage().window().setSize(new Dimension(390, 844));
        await().atMost(WAIT).alias("no horizontal overflow at 390 px").until(() -> (Boolean) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        screenshot("graphs-phone");
        browser.manage().window().setSize(new Dimension(1280, 900));
        assertThat(browser.findElement(By.id("share-link")).getAttribute("href")).endsWith("/graphs.html?codes=T1,H1,P1&range=1h");

        browser.get(rig.base() + "/graphs.html");
        await().atMost(WAIT).until(() -> !browser.findElements(listed).isEmpty());
        browser.findElement(By.cssSelector("#saved-list li[data-graph='Climate'] button[data-action='delete']")).click();
        browser.switchTo().alert().accept();
        await().atMost(WAIT).until(() -> browser.findElements(listed).isEmpty());
        await().atMost(WAIT).until(() -> browser.findElement(By.id("saved-empty")).isDisplayed());
        assertThat(WebTestRig.json(rig.client().as(Role.viewer).get("/api/graphs")).get("graphs")).isEmpty();
    }

    /** Waits until the page shows exactly these charts, each as {@code units:codes}, every one with points drawn. */
    private void awaitCharts(String... expected) {
        await().atMost(WAIT).alias("charts " + List.of(expected) + ", the page shows " + shownCharts()).until(() -> {
            List<WebElement> charts = browser.findElements(CHARTS);
            if (charts.size() != expected.length) {
                return false;
            }
            for (int i = 0; i < expected.length; i++) {
                WebElement chart = charts.get(i);
                String points = chart.getAttribute("data-points");
                if (!expected[i].equals(chart.getAttribute("data-units") + ":" + chart.getAttribute("data-codes"))
                        || points == null || Integer.parseInt(points) == 0) {
                    return false;
                }
            }
            return true;
        });
    }

    private String shownCharts() {
        StringBuilder shown = new StringBuilder();
        for (WebElement chart : browser.findElements(CHARTS)) {
            shown.append(chart.getAttribute("data-units")).append(':').append(chart.getAttribute("data-codes"))
                    .append(" points=").append(chart.getAttribute("data-points")).append("; ");
        }
        return shown + "status '" + browser.findElement(By.id("graph-status")).getText() + "', error '"
                + browser.findElement(By.id("page-error")).getText() + "'";
    }

    private void screenshot(String name) throws IOException {
        Path folder = Path.of(System.getProperty("jph.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), folder.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private void signIn(String email) {
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("email")).isEmpty());
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(WebTestRig.PASSWORD);
        browser.findElement(By.id("login-button")).click();
    }

    private static String entry(String code, String symbol) {
        return "{\"Codifier\":\"" + code + "\",\"ShortName\":\"" + code + " test\",\"Name\":\"" + code + " test sensor\","
                + "\"Symbol\":\"" + symbol + "\",\"KeepAliveInterval\":60,\"SensorInterval\":60,\"TimeoutWarning\":60,"
                + "\"Active\":true,\"DataType\":\"float\",\"Type\":\"Simulated\"}";
    }
}
