package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.jphmesh.web.http.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * The sensor page's history chart in Debian's Chromium against a real PostgreSQL: dragging zooms into finer data
 * fetched for the new range, a door reads closed/open in steps, and the CSV link holds exactly the rows drawn.
 */
class ChartsBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String DOOR = "{\"Codifier\":\"D1\",\"ShortName\":\"Shed door\",\"Type\":\"Simulated\","
            + "\"DataType\":\"integer\",\"SensorInterval\":2,\"KeepAliveInterval\":30,\"TimeoutWarning\":10,"
            + "\"States\":{\"0\":\"closed\",\"1\":\"open\"}}";

    @TempDir
    Path dir;

    private WebTestRig rig;
    private WebDriver browser;

    @BeforeEach
    void setUp() throws Exception {
        rig = new WebTestRig(dir, true, "", 5432, DOOR);
        try (Connection connection = rig.database.connect(); Statement sql = connection.createStatement()) {
            // S1: a reading every 30 s for the last 55 minutes; D1: open and closed in turn, every 5 minutes.
            sql.execute("INSERT INTO reading (codifier, ts, seq, kind, value) SELECT 'S1', now() - make_interval(secs => g * 30),"
                    + " g, 'f', 20 + 3 * sin(g / 10.0) FROM generate_series(1, 110) AS g");
            sql.execute("INSERT INTO reading (codifier, ts, seq, kind, value) SELECT 'D1', now() - make_interval(secs => g * 10),"
                    + " g, 'i', (g / 30) % 2 FROM generate_series(1, 330) AS g");
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
    void dragging_across_the_history_fetches_the_narrower_range_and_a_double_click_goes_back() throws Exception {
        browser.get(rig.base() + "/sensor.html?code=S1&range=1h");
        WebElement chart = awaitHistory();
        long from = Long.parseLong(chart.getAttribute("data-from"));
        long to = Long.parseLong(chart.getAttribute("data-to"));
        assertThat(to - from).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(browser.findElement(By.id("zoom-out")).isDisplayed()).isFalse();

        // Drag over the last third of the chart's plot: the last 20 minutes.
        WebElement plot = chart.findElement(By.cssSelector(".u-over"));
        int width = plot.getSize().getWidth();
        new Actions(browser).moveToElement(plot, width / 6 + 2, 0).clickAndHold().moveByOffset(width / 3 - 4, 0).release().perform();

        await().atMost(WAIT).until(() -> !String.valueOf(from).equals(chart.getAttribute("data-from"))
                && chart.getAttribute("data-points") != null);
        long zoomedFrom = Long.parseLong(chart.getAttribute("data-from"));
        long zoomedTo = Long.parseLong(chart.getAttribute("data-to"));
        assertThat(zoomedTo - zoomedFrom).as("the fetched range is the dragged one").isBetween(
                Duration.ofMinutes(17).toMillis(), Duration.ofMinutes(23).toMillis());
        assertThat(zoomedFrom).isGreaterThan(from + Duration.ofMinutes(37).toMillis());
        assertThat(chart.getAttribute("data-step")).as("finer buckets than the 6 s of an hour").matches("[1-2]s");
        assertThat(browser.getCurrentUrl()).contains("from=").contains("to=").doesNotContain("range=");
        assertThat(browser.findElement(By.id("zoom-out")).isDisplayed()).isTrue();
        String zoomedUrl = browser.getCurrentUrl();

        new Actions(browser).doubleClick(plot).perform();
        await().atMost(WAIT).until(() -> String.valueOf(from).equals(chart.getAttribute("data-from")));
        assertThat(chart.getAttribute("data-to")).isEqualTo(String.valueOf(to));

        // The zoomed view is a link: opened again, it shows the same range.
        browser.get(zoomedUrl);
        WebElement again = awaitHistory();
        assertThat(Long.parseLong(again.getAttribute("data-from"))).isBetween(zoomedFrom - 1000, zoomedFrom + 1000);
    }

    @Test
    void the_csv_link_holds_exactly_the_rows_the_chart_draws_and_the_step_lives_in_the_address() throws Exception {
        browser.get(rig.base() + "/sensor.html?code=S1&range=1h&step=raw");
        WebElement chart = awaitHistory();
        assertThat(chart.getAttribute("data-step")).isEqualTo("raw");
        assertThat(chart.getAttribute("data-points")).isEqualTo("110");
        String href = browser.findElement(By.id("csv")).getAttribute("href");
        assertThat(href).contains("/api/sensors/S1/history.csv?from=" + chart.getAttribute("data-from")
                + "&to=" + chart.getAttribute("data-to") + "&step=raw");

        HttpResponse<String> csv = rig.client().as(Role.viewer).get(href.substring(rig.base().length()));
        assertThat(csv.body().split("\r\n")).hasSize(111);
    }

    @Test
    void a_door_reads_closed_and_open_on_its_tile_and_its_chart_draws_steps_on_a_labelled_axis() {
        Node door = rig.node("D1", new RecordingCallbacks());
        door.sendData(Codifier.of("D1"), 1.0);
        browser.get(rig.base() + "/");
        await().atMost(WAIT).until(() -> "open".equals(tileValue("D1")));
        door.sendData(Codifier.of("D1"), 0.0);
        await().atMost(WAIT).until(() -> "closed".equals(tileValue("D1")));

        browser.get(rig.base() + "/sensor.html?code=D1&range=1h&step=raw");
        WebElement chart = awaitHistory();
        assertThat(chart.getAttribute("data-discrete")).isEqualTo("true");
        assertThat(browser.findElement(By.id("sensor-value")).getText()).isEqualTo("closed");
        // The legend names the state under the cursor, as the axis does.
        WebElement plot = chart.findElement(By.cssSelector(".u-over"));
        new Actions(browser).moveToElement(plot).perform();
        await().atMost(WAIT).until(() -> chart.findElements(By.cssSelector(".u-legend .u-series:nth-child(2) .u-value"))
                .stream().map(WebElement::getText).anyMatch(v -> v.equals("open") || v.equals("closed")));
    }

    private String tileValue(String code) {
        return browser.findElements(By.cssSelector(".tile[data-code='" + code + "'] .tile-value")).stream()
                .findFirst().map(WebElement::getText).orElse(null);
    }

    private WebElement awaitHistory() {
        await().atMost(WAIT).untilAsserted(() -> {
            WebElement chart = browser.findElement(By.id("history-chart"));
            assertThat(chart.getAttribute("aria-busy") + " " + chart.getAttribute("data-points"))
                    .as("the history chart, whose status reads: %s", browser.findElement(By.id("history-status")).getText())
                    .matches("false [1-9][0-9]*");
        });
        return browser.findElement(By.id("history-chart"));
    }
}
