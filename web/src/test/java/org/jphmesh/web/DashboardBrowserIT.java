package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.app.alerts.FakeAlertsNode;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The dashboard in a real browser: Debian's Chromium, headless, driven by chromedriver (./jph test installs
 * both). Signs in, watches a tile change live, halts the node from its button, and opens a history chart; and
 * acknowledges a firing alert on the Alerts page.
 */
class DashboardBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    private WebTestRig rig;
    private WebDriver browser;
    private ScheduledExecutorService sender;
    private Node s1;

    @BeforeEach
    void setUp() throws Exception {
        rig = new WebTestRig(dir, false, "", 5432, WebTestRig.ALERTS);
        s1 = rig.node("S1", new RecordingCallbacks());
        AtomicInteger step = new AtomicInteger();
        sender = Executors.newSingleThreadScheduledExecutor();
        sender.scheduleAtFixedRate(() -> {
            int i = step.incrementAndGet();
            s1.sendData(Codifier.of("S1"), 20 + (i % 50) / 10.0);
            s1.sendData(Codifier.of("S2"), 60 + (i % 30) / 10.0);
        }, 0, 300, TimeUnit.MILLISECONDS);
        try (Connection connection = rig.database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO reading (codifier, ts, seq, kind, value) SELECT 'S1', now() - make_interval(secs => g * 30),"
                    + " g, 'f', 20 + 3 * sin(g / 10.0) FROM generate_series(1, 110) AS g");
        }
        browser = HeadlessChromium.start(dir.resolve("chromium"));
    }

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (sender != null) {
            sender.shutdownNow();
        }
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void an_operator_signs_in_sees_tiles_update_live_halts_a_node_after_confirming_and_opens_its_history() throws IOException {
        browser.get(rig.base() + "/");
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/login.html"));
        signIn("operator@example.org");
        await().atMost(WAIT).until(() -> !browser.getCurrentUrl().contains("/login.html"));

        await().atMost(WAIT).until(() -> "OK".equals(attribute(tile("S1"), "data-status")));
        String first = text(tile("S1"), ".tile-value");
        await().atMost(WAIT).until(() -> {
            String now = text(tile("S1"), ".tile-value");
            return now != null && !now.equals(first);
        });
        assertThat(text(tile("S2"), ".tile-value")).contains("6");
        screenshot("overview");

        browser.get(rig.base() + "/nodes.html");
        By halt = By.cssSelector("tr[data-code='S1'] button[data-command='halt']");
        await().atMost(WAIT).until(() -> !browser.findElements(halt).isEmpty() && browser.findElement(halt).isDisplayed());
        screenshot("nodes");
        browser.findElement(halt).click();
        Alert question = confirmation();
        assertThat(question.getText()).startsWith("Halt S1");
        question.dismiss();
        await().atMost(WAIT).until(() -> browser.findElement(By.id("command-result")).getText().contains("cancelled"));
        assertThat(s1.isActive()).as("a dismissed confirmation sends nothing").isTrue();
        browser.findElement(halt).click();
        confirmation().accept();
        await().atMost(WAIT).until(() -> !s1.isActive());
        await().atMost(WAIT).until(() -> browser.findElement(By.cssSelector("tr[data-code='S1']")).getText().contains("HALTED"));
        By start = By.cssSelector("tr[data-code='S1'] button[data-command='start']");
        await().atMost(WAIT).until(() -> browser.findElement(start).isDisplayed() && !browser.findElement(halt).isDisplayed());

        browser.get(rig.base() + "/events.html?node=S1");
        By haltEvent = By.xpath("//tbody[@id='events-body']/tr[not(@hidden)][contains(., 'sent halt to S1')]");
        await().atMost(WAIT).until(() -> !browser.findElements(haltEvent).isEmpty());
        String when = browser.findElement(haltEvent).findElement(By.cssSelector("time")).getText();
        assertThat(when).as("an event says its date, not only its time").contains(String.valueOf(java.time.Year.now().getValue()));
        assertThat(browser.findElements(By.xpath("//tbody[@id='events-body']/tr[not(@hidden)]")))
                .allSatisfy(row -> assertThat(row.getAttribute("data-nodes")).contains("S1"));
        browser.get(rig.base() + "/");
        await().atMost(WAIT).until(() -> "HALTED".equals(attribute(tile("S1"), "data-status")));
        assertThat(text(tile("S1"), ".tile-status")).isEqualTo("HALTED");

        browser.get(rig.base() + "/sensor.html?code=S1");
        By hour = By.cssSelector("button[data-range='1h']");
        await().atMost(WAIT).until(() -> !browser.findElements(hour).isEmpty());
        browser.findElement(hour).click();
        await().atMost(WAIT).until(() -> {
            String points = attribute(browser.findElements(By.id("history-chart")).stream().findFirst().orElse(null), "data-points");
            return points != null && Integer.parseInt(points) > 0;
        });
        assertThat(browser.findElements(By.cssSelector("#history-chart canvas"))).isNotEmpty();
        screenshot("sensor");
    }

    @Test
    void the_alerts_page_shows_a_firing_alert_first_with_the_badge_and_its_acknowledge_button_sends_the_ack()
            throws Exception {
        long since = System.currentTimeMillis() - 720_000;
        FakeAlertsNode alerts = new FakeAlertsNode()
                .rule("W1", new AlertStatus(AlertStatus.State.OK, since, "{{S1}} > 30: S1 = 21", "warning", false, 0))
                .rule("W2", new AlertStatus(AlertStatus.State.FIRING, since, "nothing from S1 for 120 s", "critical", false, 0));
        alerts.send(rig.node("AL", alerts));
        await().atMost(WAIT).until(() -> rig.app.view().firing() == 1);

        browser.get(rig.base() + "/alerts");
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/login.html"));
        signIn("operator@example.org");
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().endsWith("/alerts.html"));

        By rows = By.cssSelector("#alerts-body tr.alert");
        await().atMost(WAIT).until(() -> browser.findElements(rows).size() == 3);
        WebElement first = browser.findElements(rows).get(0);
        assertThat(first.getAttribute("data-code")).isEqualTo("W2");
        assertThat(first.getAttribute("data-state")).isEqualTo("firing");
        assertThat(first.getText()).contains("Greenhouse sensor silent").contains("FIRING").contains("for 12 min")
                .contains("nothing from S1 for 120 s").contains("CRITICAL");
        assertThat(browser.findElements(rows).get(1).getAttribute("data-code")).isEqualTo("W1");
        assertThat(browser.findElements(rows).get(2).getText()).contains("NOT HEARD");
        await().atMost(WAIT).until(() -> "1".equals(browser.findElement(By.id("firing-count")).getText()));
        screenshot("alerts");

        By acknowledge = By.cssSelector("tr[data-code='W2'] button[data-action='ack']");
        assertThat(browser.findElement(acknowledge).isDisplayed()).isTrue();
        assertThat(browser.findElements(By.cssSelector("tr[data-code='W1'] button[data-action='ack']")).get(0).isDisplayed())
                .as("an alert that does not fire has nothing to acknowledge").isFalse();
        browser.findElement(acknowledge).click();

        await().atMost(WAIT).until(() -> alerts.control.stream().anyMatch(f -> f.flag() == Flag.SET
                && f.to().equals(Codifier.of("W2")) && f.control().timeComponent() == 0));
        await().atMost(WAIT).until(() -> browser.findElement(By.cssSelector("tr[data-code='W2'] .alert-marks")).getText()
                .contains("acknowledged"));
        assertThat(browser.findElement(acknowledge).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("command-result")).getText()).contains("Acknowledge sent to W2");

        try (Connection connection = rig.database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("INSERT INTO reading (codifier, ts, seq, kind, value, payload) VALUES ('W2', now() - interval '5 minutes',"
                    + " 1, 'j', 1, '" + alerts.states.get(Codifier.of("W2")).toJson() + "')");
        }
        browser.findElement(By.cssSelector("tr[data-code='W2'] button[data-action='history']")).click();
        await().atMost(WAIT).until(() -> browser.findElement(By.cssSelector("tr[data-history-for='W2']")).getText()
                .contains("FIRING"));
        assertThat(browser.findElement(By.cssSelector("tr[data-history-for='W2']")).getText())
                .contains("nothing from S1 for 120 s").contains("acknowledged");
        screenshot("alerts-acknowledged");

        browser.get(rig.base() + "/index.html");
        await().atMost(WAIT).until(() -> "1".equals(browser.findElement(By.id("firing-count")).getText()));
    }

    @Test
    void an_operator_sets_a_controllable_sensors_set_point_on_its_own_page() {
        RecordingCallbacks q5 = new RecordingCallbacks();
        rig.node("Q5", q5);
        browser.get(rig.base() + "/login.html");
        signIn("operator@example.org");
        await().atMost(WAIT).until(() -> !browser.getCurrentUrl().contains("/login.html"));

        browser.get(rig.base() + "/sensor.html?code=Q5");
        By form = By.id("setpoint");
        await().atMost(WAIT).until(() -> browser.findElement(form).isDisplayed());
        browser.findElement(By.id("setpoint-value")).sendKeys("23.5");
        browser.findElement(By.cssSelector("#setpoint button[data-command='set']")).click();

        await().atMost(WAIT).until(() -> q5.control.stream().anyMatch(f -> f.flag() == org.jphmesh.bus.frame.Flag.SET
                && f.control().timeComponent() == 23.5));
        await().atMost(WAIT).until(() -> browser.findElement(By.id("setpoint-result")).getText().contains("sent to Q5"));
        browser.get(rig.base() + "/sensor.html?code=S1");
        await().atMost(WAIT).until(() -> !"…".equals(browser.findElement(By.id("sensor-name")).getText()));
        assertThat(browser.findElement(form).isDisplayed()).as("S1 takes no set-point").isFalse();
    }

    @Test
    void ten_minutes_without_readings_show_as_a_gap_in_the_history_chart_and_the_range_lives_in_the_address() throws Exception {
        // S1 reads every 60 s and its history has a reading every 30 s: take 10 minutes of it away, as a halt would.
        try (Connection connection = rig.database.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DELETE FROM reading WHERE codifier = 'S1' AND ts BETWEEN now() - interval '30 minutes'"
                    + " AND now() - interval '20 minutes'");
        }
        browser.get(rig.base() + "/login.html");
        signIn("operator@example.org");
        await().atMost(WAIT).until(() -> !browser.getCurrentUrl().contains("/login.html"));

        browser.get(rig.base() + "/sensor.html?code=S1&range=6h");
        await().atMost(WAIT).until(() -> "true".equals(attribute(browser.findElements(
                By.cssSelector("button[data-range='6h']")).stream().findFirst().orElse(null), "aria-pressed")));
        By hour = By.cssSelector("button[data-range='1h']");
        browser.findElement(hour).click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("range=1h"));
        await().atMost(WAIT).until(() -> browser.findElement(By.id("history-status")).getText().contains("points"));
        assertThat(browser.findElement(By.id("history-status")).getText()).as("the range's label names its day")
                .contains(String.valueOf(java.time.Year.now().getValue()));
        await().atMost(WAIT).until(() -> attribute(browser.findElement(By.id("history-chart")), "data-gaps") != null
                && Integer.parseInt(attribute(browser.findElement(By.id("history-chart")), "data-points")) > 0);
        assertThat(attribute(browser.findElement(By.id("history-chart")), "data-gaps"))
                .as("one break, where the readings are missing; none between readings 30 s apart").isEqualTo("1");
    }

    @Test
    void on_a_390_pixel_phone_no_page_is_wider_than_the_screen() {
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        browser.get(rig.base() + "/login.html");
        signIn("operator@example.org");
        await().atMost(WAIT).until(() -> !browser.getCurrentUrl().contains("/login.html"));
        java.util.Map<String, String> overflowing = new java.util.TreeMap<>();
        for (String page : new String[] {"/", "/nodes.html", "/events.html", "/alerts.html", "/sensor.html?code=S1",
                "/graphs.html", "/diagram.html", "/login.html"}) {
            browser.get(rig.base() + page);
            // Filled in (nothing busy loading, the overview's tiles there), so their width counts.
            await().atMost(WAIT).until(() -> Boolean.TRUE.equals(script("return document.readyState === 'complete'"
                    + " && !document.querySelector('[aria-busy=\"true\"]')"
                    + " && (location.pathname !== '/' || document.querySelectorAll('.tile').length > 0)")));
            Object widths = script("const d = document.documentElement; return d.scrollWidth + ' > ' + d.clientWidth"
                    + " + (d.scrollWidth > d.clientWidth ? ' (' + [...document.querySelectorAll('body *')].filter(e =>"
                    + " e.getBoundingClientRect().right > d.clientWidth + 1).slice(0, 3).map(e => e.tagName + '.' +"
                    + " e.className).join(', ') + ')' : '')");
            String text = String.valueOf(widths);
            String[] parts = text.split(" ");
            if (Integer.parseInt(parts[0]) > Integer.parseInt(parts[2])) {
                overflowing.put(page, text);
            }
        }
        assertThat(overflowing).as("pages wider than a 390 px screen").isEmpty();

        browser.get(rig.base() + "/nodes.html");
        By halt = By.cssSelector("tr[data-code='S1'] button[data-command='halt']");
        await().atMost(WAIT).until(() -> !browser.findElements(halt).isEmpty());
        Object right = script("const b = document.querySelector(\"tr[data-code='S1'] button[data-command='halt']\");"
                + " return b.getBoundingClientRect().right <= document.documentElement.clientWidth;");
        assertThat(right).as("a node's commands are on the phone's screen, not in a table scrolled sideways").isEqualTo(true);
    }

    private Object script(String code) {
        return ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(code);
    }

    @Test
    void a_wrong_password_shows_the_servers_message_and_stays_on_the_sign_in_page() {
        browser.get(rig.base() + "/login.html");
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("email")).isEmpty());
        browser.findElement(By.id("email")).sendKeys("operator@example.org");
        browser.findElement(By.id("password")).sendKeys("not the password");
        browser.findElement(By.id("login-button")).click();
        await().atMost(WAIT).until(() -> browser.findElement(By.id("login-error")).getText().contains("wrong email or password"));
        assertThat(browser.getCurrentUrl()).contains("/login.html");
    }

    private void signIn(String email) {
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("email")).isEmpty());
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(WebTestRig.PASSWORD);
        browser.findElement(By.id("login-button")).click();
    }

    /** The page's confirmation question, once it is asked. */
    private Alert confirmation() {
        return await().atMost(WAIT).ignoreException(NoAlertPresentException.class).until(() -> browser.switchTo().alert(),
                java.util.Objects::nonNull);
    }

    private WebElement tile(String code) {
        return browser.findElements(By.cssSelector(".tile[data-code='" + code + "']")).stream().findFirst().orElse(null);
    }

    private static String attribute(WebElement element, String name) {
        return element == null ? null : element.getAttribute(name);
    }

    private static String text(WebElement element, String selector) {
        if (element == null) {
            return null;
        }
        return element.findElements(By.cssSelector(selector)).stream().findFirst().map(WebElement::getText).orElse(null);
    }

    private void screenshot(String name) throws IOException {
        Path folder = Path.of(System.getProperty("jph.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), folder.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
