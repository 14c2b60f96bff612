package org.jphmesh.collector.bench;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.PacedStreamMain;
import org.jphmesh.bus.testing.ProcessCpu;
import org.jphmesh.collector.Collector;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.Jedis;

/**
 * Sustained ingest with the sender in another process: for each offered rate, a {@link PacedStreamMain}
 * process sends {@code f} readings of 1,000 codifiers on the loopback data bus for the given seconds, into a
 * collector in this process (journal, COPY, idempotent merge into PostgreSQL; latest state into Redis) with
 * the settings its package installs (a 32 MiB receive buffer, granted by {@code net.core.rmem_max}). Reported
 * per rate: readings sent, stored, lost at the socket, stored/s until the last is in the database, and CPU per
 * reading of the collector's receive thread and of the whole process (from {@code /proc/self}); once per run,
 * a raw COPY of as many rows into the same table, the yardstick for stored/s.
 * Run: {@code mvn -pl collector -am -Pbench test-compile exec:exec -Drates="100000 200000" -Dseconds=10}
 */
public final class IngestBenchmark {

    private static final int CODIFIERS = 1000;
    private static final String GROUP = "239.255.73.2";
    private static final int PORT = 27302;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        // Maven hands "-Drates=100000 200000" over as one argument.
        String[] rates = String.join(" ", java.util.Arrays.copyOfRange(args, 1, args.length)).trim().split("\\s+");
        try (TestDatabase database = new TestDatabase()) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(database.url());
            source.setUser("postgres");
            Migrations.migrate(source);

            Path dir = Files.createTempDirectory("jph-ingest-bench");
            MeshConfig config = ConfigLoader.parse("{\"Multicast\":{\"Control-Channel\":{\"Address\":\"239.255.73.1\","
                    + "\"Port\":27301},\"Data-Channel\":{\"Address\":\"" + GROUP + "\",\"Port\":" + PORT + "},"
                    + "\"Interface\":\"lo\",\"TTL\":0},\"Sensors\":[{\"Codifier\":\"zq\",\"Type\":\"Collector\"}]}", "bench");
            System.out.printf("net.core.rmem_max %s; receive path %s%n",
                    Files.readAllLines(Path.of("/proc/sys/net/core/rmem_max")).get(0),
                    System.getProperty("jph.transport.receive", "auto"));
            String prefix = "jph-bench:" + java.util.UUID.randomUUID() + ":";
            try (Collector collector = Collector.start(NodeOptions.of(Codifier.of("zq"), "bench").withConfig(config),
                    new Collector.Roles(database.settings(), dir.resolve("spool"), Collector.DEFAULT_SPOOL_CAP_BYTES,
                            new RedisSettings("127.0.0.1", 6379, null, prefix)))) {
                PacedStreamMain.send(GROUP, PORT, 50_000, 2, CODIFIERS); // warm-up: JIT, pools, the first rows of each codifier
                settle(collector);
                System.out.printf("%10s %10s %10s %8s %10s %12s %12s%n", "offered/s", "sent", "stored", "lost",
                        "stored/s", "receive µs", "process µs");
                long largest = 0;
                double fastest = 0;
                for (String rateText : rates) {
                    long rate = Long.parseLong(rateText);
                    truncate(database);
                    long heardBefore = collector.journal().appended();
                    long receiveBefore = ProcessCpu.threadTicks("jph-zq-receive");
                    long processBefore = ProcessCpu.processTicks();
                    PacedStreamMain.Sent stream = PacedStreamMain.send(GROUP, PORT, rate, seconds, CODIFIERS);
                    long sent = stream.frames();
                    settle(collector);
                    long heard = collector.journal().appended() - heardBefore;
                    long receive = ProcessCpu.threadTicks("jph-zq-receive") - receiveBefore;
                    long process = ProcessCpu.processTicks() - processBefore;
                    double elapsed = (System.nanoTime() - stream.startedNanos()) / 1e9 - 0.3; // settle's last quiet 300 ms
                    long stored = count(database);
                    double storedPerSecond = stored / elapsed;
                    System.out.printf(Locale.ROOT, "%10d %10d %10d %8d %10.0f %12.2f %12.2f%n", rate, sent, stored,
                            sent - heard, storedPerSecond, micros(receive, heard), micros(process, heard));
                    largest = Math.max(largest, sent);
                    fastest = Math.max(fastest, storedPerSecond);
                }
                try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
                    java.util.Set<String> keys = redis.keys(prefix + "*");
                    System.out.printf(Locale.ROOT, "redis: %,d latest-state hashes (expected %,d)%n",
                            keys.stream().filter(k -> !k.endsWith("live")).count(), CODIFIERS);
                    keys.forEach(redis::del);
                }
                truncate(database);
                double copyRate = rawCopy(database, (int) largest);
                System.out.printf(Locale.ROOT, "raw COPY of %,d rows: %,.0f rows/s; the fastest ingest above = %.2f of it%n",
                        largest, copyRate, fastest / copyRate);
            }
        }
    }

    private static double micros(long ticks, long frames) {
        return frames == 0 ? 0 : ticks * ProcessCpu.TICK_NANOS / 1000.0 / frames;
    }

    // Until the socket is drained (nothing new heard for 300 ms) and the writer has stored all it heard.
    private static void settle(Collector collector) throws InterruptedException {
        long heard = -1;
        while (heard != collector.journal().appended()) {
            heard = collector.journal().appended();
            Thread.sleep(300);
        }
        if (!collector.writer().flush(Duration.ofMinutes(5))) {
            throw new IllegalStateException("the writer did not catch up within 5 minutes");
        }
    }

    private static void truncate(TestDatabase database) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE reading");
        }
    }

    private static double rawCopy(TestDatabase database, int rows) throws Exception {
        StringBuilder csv = new StringBuilder(rows * 48);
        long now = System.currentTimeMillis();
        for (int i = 0; i < rows; i++) {
            csv.append(PacedStreamMain.codifier(i % CODIFIERS).value()).append(',')
                    .append(Instant.ofEpochMilli(now + i / CODIFIERS)).append(',').append(i / CODIFIERS + 1)
                    .append(",f,21.5,,0\n");
        }
        try (Connection connection = database.connect()) {
            long start = System.nanoTime();
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY reading (codifier, ts, seq, kind, value, payload, epoch) FROM STDIN (FORMAT csv)",
                    new StringReader(csv.toString()));
            return rows / ((System.nanoTime() - start) / 1e9);
        }
    }

    private static long count(TestDatabase database) throws Exception {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT count(*) FROM reading")) {
            result.next();
            return result.getLong(1);
        }
    }
}
