package org.jphmesh.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.LossyLink;
import org.jphmesh.bus.testing.NetworkLab;
import org.jphmesh.bus.testing.StreamSenderMain;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.bus.transport.InterfaceGuard;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.Jedis;

/**
 * Loss repair over a link that really loses: a sensor node in a network namespace of its own sends 5,000
 * readings over a veth pair that drops 5 % of the datagrams each way, to a collector in this JVM on the
 * other end. Needs root for the namespace; skipped, saying why, where it cannot be made. Multicast stays on
 * the veth pair (TTL 1, nothing else attached).
 */
class LossRepairIT {

    private static final int READINGS = 5_000;
    private static final int PER_SECOND = 500;
    private static final int LOSS_PERCENT = 5;

    @TempDir
    Path dir;

    private final TestDatabase database = new TestDatabase();
    private final String prefix = "jph-test:" + UUID.randomUUID() + ":";
    private final List<AutoCloseable> running = new ArrayList<>();
    private String allowedBefore;

    @BeforeEach
    void requireNamespaces() {
        NetworkLab.requireOrSkip("LossRepairIT");
        allowedBefore = System.getProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.out.println("LossRepairIT cleanup: " + e);
            }
        }
        if (allowedBefore == null) {
            System.clearProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY);
        } else {
            System.setProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY, allowedBefore);
        }
        try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
            for (String key : redis.keys(prefix + "*")) {
                redis.del(key);
            }
        }
        database.close();
    }

    @Test
    void with_5_percent_loss_at_least_999_per_mille_of_the_readings_are_stored_each_once() throws Exception {
        Outcome outcome = run(true);

        assertThat(outcome.requests).as("resend requests sent").isPositive();
        assertThat(outcome.recovered).as("readings recovered").isPositive();
        assertThat(outcome.rows).as("no reading stored twice").isEqualTo(outcome.distinct);
        assertThat(outcome.distinct).as("readings stored of " + READINGS).isGreaterThanOrEqualTo(READINGS * 999L / 1000);
    }

    @Test
    void without_repair_the_same_link_leaves_readings_missing() throws Exception {
        Outcome outcome = run(false);

        assertThat(outcome.requests).isZero();
        assertThat(outcome.rows).isEqualTo(outcome.distinct);
        // 5 % loss with nothing repaired: if this held every reading, the link did not lose and the other test proves nothing.
        assertThat(outcome.distinct).isLessThan(READINGS * 99L / 100);
    }

    private record Outcome(long rows, long distinct, long requests, long asked, long recovered, long givenUp) {
    }

    private Outcome run(boolean resend) throws Exception {
        migrate();
        LossyLink link = LossyLink.create(LOSS_PERCENT);
        running.add(link);
        System.setProperty(InterfaceGuard.ALLOWED_INTERFACES_PROPERTY,
                (allowedBefore == null || allowedBefore.isBlank() ? "" : allowedBefore + ",") + link.hostEnd());
        TestMesh mesh = TestMesh.fresh().withResend(resend);
        String entries = String.join(",",
                TestMesh.entry("Q1", "Collector", 60, 60, ""),
                TestMesh.entry("S1", "Simulated", 60, 60, ""));
        Path hostConfig = mesh.onInterface(link.hostEnd(), 1).writeConfig(Files.createDirectories(dir.resolve("host")), entries);
        Path senderConfig = mesh.onInterface(link.namespaceEnd(), 1).writeConfig(Files.createDirectories(dir.resolve("ns")), entries);

        Collector collector = Collector.start(NodeOptions.of(Codifier.of("Q1"), hostConfig.toString()),
                new Collector.Roles(database.settings(), dir.resolve("spool"), Collector.DEFAULT_SPOOL_CAP_BYTES,
                        new RedisSettings("127.0.0.1", 6379, null, prefix)));
        running.add(collector);
        Path log = Path.of("target", "loss-repair-sender-" + (resend ? "on" : "off") + ".log").toAbsolutePath();
        Process sender = startSender(link, senderConfig, log);
        running.add(() -> {
            sender.getOutputStream().close();
            if (!sender.waitFor(5, TimeUnit.SECONDS)) {
                sender.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        });

        await().atMost(Duration.ofSeconds(READINGS / PER_SECOND + 60)).pollInterval(Duration.ofMillis(200))
                .until(() -> read(log).contains("sent " + READINGS));
        Settled settled = new Settled(() -> count("SELECT count(*) FROM reading WHERE codifier = 'S1'"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> settled.value() == READINGS || settled.quietFor(Duration.ofSeconds(5)));

        long rows = count("SELECT count(*) FROM reading WHERE codifier = 'S1'");
        long distinct = count("SELECT count(DISTINCT (seq, value)) FROM reading WHERE codifier = 'S1'");
        var repair = collector.repair();
        Outcome outcome = new Outcome(rows, distinct, repair.requests(), repair.asked(), repair.recovered(), repair.givenUp());
        String report = String.format(Locale.ROOT, "LossRepairIT resend %s, %s: stored %d of %d (%.2f %%), rows %d,"
                        + " duplicates received %d, requests %d, asked %d, recovered %d, given up %d",
                resend ? "on" : "off", link.lossMethod(), distinct, READINGS, 100.0 * distinct / READINGS, rows,
                collector.writer().repeated(), outcome.requests, outcome.asked, outcome.recovered, outcome.givenUp);
        System.out.println(report);
        Files.writeString(Path.of("target", "loss-repair-" + (resend ? "on" : "off") + ".txt"), report + "\n");
        return outcome;
    }

    private Process startSender(LossyLink link, Path config, Path log) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = link.inNamespace(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + InterfaceGuard.ALLOWED_INTERFACES_PROPERTY + "=" + link.namespaceEnd(), "-Xmx256m",
                "-cp", classpath, StreamSenderMain.class.getName(), config.toString(), "S1",
                Integer.toString(READINGS), Integer.toString(PER_SECOND), "120"));
        Files.deleteIfExists(log);
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private void migrate() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(database.url());
        source.setUser("postgres");
        Migrations.migrate(source);
    }

    private long count(String sql) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    private static String read(Path log) throws IOException {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** A figure that is done growing: unchanged for a while. */
    private static final class Settled {
        private final java.util.concurrent.Callable<Long> figure;
        private long last = -1;
        private long since = System.nanoTime();

        Settled(java.util.concurrent.Callable<Long> figure) {
            this.figure = figure;
        }

        long value() throws Exception {
            long now = figure.call();
            if (now != last) {
                last = now;
                since = System.nanoTime();
            }
            return now;
        }

        boolean quietFor(Duration quiet) {
            return System.nanoTime() - since >= quiet.toNanos();
        }
    }
}
