package org.jphmesh.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Debian's Chromium, headless, driven by its chromedriver: the one browser the dashboard's browser tests use. */
final class HeadlessChromium {

    private static final File CHROMIUM = new File(System.getProperty("jph.chromium", "/usr/bin/chromium"));
    private static final File CHROMEDRIVER = new File(System.getProperty("jph.chromedriver", "/usr/bin/chromedriver"));

    private HeadlessChromium() {
    }

    /** A browser at 1280x900 with its profile in {@code profile}, never waiting implicitly; fails saying what is missing. */
    static WebDriver start(Path profile) throws IOException {
        assertThat(CHROMIUM).as("Chromium is needed for the browser tests: apt-get install chromium (./jph test does)").exists();
        assertThat(CHROMEDRIVER).as("chromedriver is needed: apt-get install chromium-driver (./jph test does)").exists();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // No update checks, sync or QUIC: the browser talks to the dashboard on loopback and to nothing else.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--window-size=1280,900", "--user-data-dir=" + Files.createDirectories(profile));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
        return browser;
    }
}
