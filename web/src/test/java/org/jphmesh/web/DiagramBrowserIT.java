package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.testing.RecordingCallbacks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The Diagram page in a real browser (Debian's Chromium, headless): live values over a picture, moving as readings
 * arrive on the bus, placed where the diagram's JSON says at a desktop's width and a phone's.
 */
class DiagramBrowserIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final By S1 = By.cssSelector(".diagram-item[data-code='S1']");

    @TempDir
    Path dir;

    private WebTestRig rig;
    private WebDriver browser;

    @BeforeEach
    void setUp() throws Exception {
        Path diagrams = Files.createDirectory(dir.resolve("diagrams"));
        Files.writeString(diagrams.resolve("loop.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"800\" height=\"400\">"
                + "<rect width=\"800\" height=\"400\" fill=\"#dde8f0\"/><circle cx=\"200\" cy=\"100\" r=\"40\" fill=\"#89a\"/></svg>");
        Files.writeString(diagrams.resolve("loop.json"), "{\"image\": \"loop.svg\", \"title\": \"Cooling loop\", \"items\": ["
                + "{\"code\": \"S1\", \"x\": 200, \"y\": 100, \"label\": \"Pump in\"}, {\"code\": \"Q5\", \"x\": 600, \"y\": 300}]}");
        Files.writeString(diagrams.resolve("typo.json"), "{\"image\": \"loop.svg\", \"items\": [{\"code\": \"S1\", \"x\": \"left\", \"y\": 1}]}");
        rig = new WebTestRig(dir, false, "", 5432, "", "\"Diagrams\":\"" + diagrams + "\"");
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
    void a_diagram_shows_a_live_value_moving_at_its_place_and_links_to_its_sensor() throws IOException {
        Node s1 = rig.node("S1", new RecordingCallbacks());
        browser.get(rig.base() + "/diagram.html");
        signIn("viewer@example.org");
        await().atMost(WAIT).until(() -> !browser.findElements(By.cssSelector("#diagram-list a[data-name='loop']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#diagram-list a[data-name='loop']")).getText()).isEqualTo("Cooling loop");
        assertThat(browser.findElement(By.cssSelector("#diagram-problems li[data-file='typo.json']")).getText())
                .isEqualTo("typo.json: items[0].x must be a number >= 0 (pixels of the image), not \"left\"");
        assertThat(browser.findElement(By.cssSelector("a[data-nav='diagrams']")).getAttribute("aria-current")).isEqualTo("page");

        browser.findElement(By.cssSelector("#diagram-list a[data-name='loop']")).click();
        await().atMost(WAIT).until(() -> !browser.findElements(S1).isEmpty());
        s1.sendData(Codifier.of("S1"), 21.5);
        await().atMost(WAIT).until(() -> value("S1").startsWith("21.5"));
        assertThat(browser.findElement(S1).getAttribute("data-status")).isEqualTo("OK");
        assertThat(browser.findElement(S1).getText()).contains("Pump in");
        assertThat(browser.findElement(By.cssSelector(".diagram-item[data-code='Q5']")).getAttribute("data-status"))
                .isEqualTo("UNKNOWN");
        s1.sendData(Codifier.of("S1"), 37.25);
        await().atMost(WAIT).until(() -> value("S1").startsWith("37.25"));
        assertPlacedAt("S1", 0.25, 0.25);
        screenshot("diagram");

        browser.manage().window().setSize(new Dimension(390, 844));
        await().atMost(WAIT).until(() -> browser.findElement(By.id("diagram-stage")).getRect().getWidth() < 390);
        assertPlacedAt("S1", 0.25, 0.25);
        assertPlacedAt("Q5", 0.75, 0.75);
        Object overflow = ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow at 390 px").isLessThanOrEqualTo(0);
        s1.sendData(Codifier.of("S1"), 19.75);
        await().atMost(WAIT).until(() -> value("S1").startsWith("19.75"));
        screenshot("diagram-phone");

        browser.findElement(S1).click();
        await().atMost(WAIT).until(() -> browser.getCurrentUrl().contains("/sensor.html?code=S1"));
    }

    private String value(String code) {
        return browser.findElements(By.cssSelector(".diagram-item[data-code='" + code + "'] .diagram-value")).stream()
                .findFirst().map(WebElement::getText).orElse("");
    }

    // The item's centre sits at the fraction of the picture its x and y give, whatever width the picture is drawn at.
    private void assertPlacedAt(String code, double fractionX, double fractionY) {
        Rectangle image = browser.findElement(By.cssSelector("#diagram-stage img")).getRect();
        Rectangle item = browser.findElement(By.cssSelector(".diagram-item[data-code='" + code + "']")).getRect();
        double centreX = item.getX() + item.getWidth() / 2.0 - image.getX();
        double centreY = item.getY() + item.getHeight() / 2.0 - image.getY();
        assertThat(centreX).as(code + " x").isCloseTo(fractionX * image.getWidth(), org.assertj.core.data.Offset.offset(2.0));
        assertThat(centreY).as(code + " y").isCloseTo(fractionY * image.getHeight(), org.assertj.core.data.Offset.offset(2.0));
    }

    private void signIn(String email) {
        await().atMost(WAIT).until(() -> !browser.findElements(By.id("email")).isEmpty());
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("password")).sendKeys(WebTestRig.PASSWORD);
        browser.findElement(By.id("login-button")).click();
    }

    private void screenshot(String name) throws IOException {
        Path folder = Path.of(System.getProperty("jph.screenshots", "target/screenshots"));
        Files.createDirectories(folder);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), folder.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
