package org.jphmesh.web.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.web.WebApp;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Issue target: a reading sent on the bus reaches a WebSocket client in under 50 ms at the 99th percentile
 * with 1,000 codifiers each sending 1 reading/s; the dashboard with 1,000 tiles loads in under 1 s.
 *
 * <p>Readings go out as real datagrams on loopback multicast (1,000 codifiers, one reading each per second,
 * spread evenly); each reading's value is its index, so the client looks up when it was sent. The tile page
 * is timed in headless Chromium from navigation until all 1,000 tiles, each with its sparkline, are in the page;
 * the page then stays open through the stream, and its animation frames are counted.
 *
 * <p>{@code mvn -pl web -Pbench test-compile exec:exec -Dseconds=60}
 */
public final class LiveLatencyBenchmark {

    private static final int CODIFIERS = 1_000;

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        TestMesh mesh = TestMesh.fresh();
        Path dir = Files.createTempDirectory("jph-web-bench");
        List<Codifier> codes = codifiers();
        StringBuilder entries = new StringBuilder("{\"Codifier\":\"CF\",\"Type\":\"Web\",\"Sensor\":{\"Web\":{\"Port\":0,\"AnonymousRead\":true}}}");
        for (Codifier code : codes) {
            entries.append(",").append(TestMesh.entry(code.value(), "Simulated", 1, 30, ""));
        }
        Path config = mesh.writeConfig(dir, entries.toString());
        try (WebApp app = WebApp.start(NodeOptions.of(Codifier.of("CF"), config.toString()), null);
             LoopbackSender sender = new LoopbackSender()) {
            long total = (long) seconds * CODIFIERS;
            long[] sentAt = new long[(int) total];
            ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
            AtomicLong received = new AtomicLong();
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + app.port() + "/live"), new Listener(sentAt, latencies, received)).join();
            Thread.sleep(1_000);
            // The tile page first loads with the mesh quiet, then stays open while the stream runs, counting its frames.
            WebDriver browser = tileBrowser();
            tilePage(browser, app.port());
            Thread frames = new Thread(() -> framesWhileStreaming(browser, Math.max(5, seconds - 20)), "frames");
            frames.start();
            long start = System.nanoTime();
            long period = 1_000_000_000L / CODIFIERS;
            ByteBuf buffer = Unpooled.buffer(64);
            for (int i = 0; i < total; i++) {
                long due = start + i * period;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                }
                Codifier code = codes.get(i % CODIFIERS);
                Frame frame = Frame.data(i / CODIFIERS, System.currentTimeMillis(), code, Readings.of((long) i));
                buffer.clear();
                FrameCodec.encode(frame, buffer);
                byte[] datagram = new byte[buffer.readableBytes()];
                buffer.readBytes(datagram);
                sentAt[i] = System.nanoTime();
                sender.send(datagram, mesh.dataGroup(), mesh.dataPort());
            }
            frames.join();
            browser.quit();
            Thread.sleep(1_000);
            socket.abort();
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            long[] measured = sorted;
            System.out.printf("readings sent %d, seen by the WebSocket client %d (%.2f%%)%n", total, received.get(),
                    100.0 * received.get() / total);
            System.out.printf("bus -> WebSocket latency ms: p50 %.1f  p90 %.1f  p99 %.1f  p99.9 %.1f  max %.1f%n",
                    pct(measured, 50), pct(measured, 90), pct(measured, 99), pct(measured, 99.9), measured[measured.length - 1] / 1e6);
        }
        // The JDK HttpClient's and Selenium's threads would keep the JVM (and Maven) waiting.
        System.exit(0);
    }

    private static double pct(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    private static List<Codifier> codifiers() {
        String first = "ABDEFGHIJKLMNOPRTUVWXYZ";
        String second = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        List<Codifier> codes = new ArrayList<>();
        for (int i = 0; codes.size() < CODIFIERS; i++) {
            codes.add(Codifier.of("" + first.charAt(i / second.length()) + second.charAt(i % second.length())));
        }
        return codes;
    }

    private static WebDriver tileBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /** Loads {@code /} six times: from navigation until all 1,000 tiles, each with its sparkline, are in the page. */
    private static void tilePage(WebDriver browser, int port) {
        List<Long> loads = new ArrayList<>();
        for (int run = 0; run < 6; run++) {
            browser.get("about:blank");
            long begin = System.nanoTime();
            browser.get("http://127.0.0.1:" + port + "/");
            long giveUp = begin + 30_000_000_000L;
            while (browser.findElements(By.cssSelector(".tile > svg.tile-spark")).size() < CODIFIERS) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("only " + browser.findElements(By.cssSelector(".tile")).size()
                            + " tiles after 30 s at " + browser.getCurrentUrl());
                }
                Thread.onSpinWait();
            }
            long end = System.nanoTime();
            Object navigation = ((JavascriptExecutor) browser).executeScript(
                    "return performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd");
            if (run > 0) {
                loads.add((end - begin) / 1_000_000);
            }
            System.out.printf("tile page run %d: %d tiles with sparklines in %d ms (DOMContentLoaded at %s ms)%n", run,
                    browser.findElements(By.cssSelector(".tile")).size(), (end - begin) / 1_000_000, navigation);
        }
        loads.sort(Long::compare);
        System.out.printf("1,000-tile page load ms (5 warm runs): median %d, worst %d%n", loads.get(loads.size() / 2),
                loads.get(loads.size() - 1));
    }

    /** After 10 s of the stream, counts the page's animation frames for {@code seconds}: rate, and the longest gaps. */
    private static void framesWhileStreaming(WebDriver browser, int seconds) {
        try {
            Thread.sleep(10_000);
            JavascriptExecutor page = (JavascriptExecutor) browser;
            page.executeScript("window.__gaps = []; let last = performance.now(); const tick = (t) => {"
                    + " window.__gaps.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(tick); };"
                    + " requestAnimationFrame(tick);"
                    + " window.__values = [...document.querySelectorAll('.tile-value')].slice(0, 40).map(e => e.textContent);");
            Thread.sleep(seconds * 1_000L);
            Object result = page.executeScript("window.__stop = true; const g = window.__gaps.slice(1).sort((a, b) => a - b);"
                    + " const changed = [...document.querySelectorAll('.tile-value')].slice(0, 40)"
                    + ".filter((e, i) => e.textContent !== window.__values[i]).length;"
                    + " const drawn = [...document.querySelectorAll('.tile-spark path')].filter(p => (p.getAttribute('d') || '').includes('H')).length;"
                    + " return [g.length, g.reduce((a, b) => a + b, 0), g[Math.floor(g.length * 0.99)], g[g.length - 1], changed, drawn].join(' ');");
            String[] f = String.valueOf(result).split(" ");
            double frames = Double.parseDouble(f[0]);
            double totalMs = Double.parseDouble(f[1]);
            System.out.printf("while streaming 1,000 readings/s: %.1f frames/s over %d s (frame p99 %.1f ms, worst %.1f ms);"
                    + " %s of the first 40 tiles changed value, %s sparklines drawn%n", frames / (totalMs / 1000), seconds,
                    Double.parseDouble(f[2]), Double.parseDouble(f[3]), f[4], f[5]);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            System.out.println("frame count failed: " + e);
        }
    }

    private static final class Listener implements WebSocket.Listener {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final long[] sentAt;
        private final ConcurrentLinkedQueue<Long> latencies;
        private final AtomicLong received;
        private final StringBuilder partial = new StringBuilder();
        private final boolean[] seen;

        Listener(long[] sentAt, ConcurrentLinkedQueue<Long> latencies, AtomicLong received) {
            this.sentAt = sentAt;
            this.latencies = latencies;
            this.received = received;
            this.seen = new boolean[sentAt.length];
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                try {
                    JsonNode message = JSON.readTree(partial.toString());
                    if ("update".equals(message.path("type").asText())) {
                        for (JsonNode sensor : message.get("sensors")) {
                            JsonNode value = sensor.get("value");
                            if (value != null && value.isNumber()) {
                                int index = value.asInt();
                                // Status re-sends repeat a value; only its first arrival is the reading's latency.
                                if (index >= 0 && index < sentAt.length && sentAt[index] != 0 && !seen[index]) {
                                    seen[index] = true;
                                    received.incrementAndGet();
                                    if (index >= 5 * CODIFIERS) { // the first 5 s warm the JIT
                                        latencies.add(now - sentAt[index]);
                                    }
                                }
                            }
                        }
                    }
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
