package org.jphmesh.collector.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.collector.Collector;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Sustained ingest: readings offered on the loopback data bus at a fixed rate, through a collector
 * (journal, COPY, idempotent merge into PostgreSQL; latest state into Redis), against a raw COPY of the
 * same number of rows into the same table in the same run. 1,000 codifiers, one sequence each.
 * Run: {@code mvn -pl collector -Pbench test-compile exec:exec -Dreadings=1000000 -Drate=100000}
 */
public final class IngestBenchmark {

    private static final int CODIFIERS = 1000;

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int readings = Integer.parseInt(args[0]);
        long rate = Long.parseLong(args[1]);
        try (TestDatabase database = new TestDatabase()) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(database.url());
            source.setUser("postgres");
            Migrations.migrate(source);

            double copyRate = rawCopy(database, readings);
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute("TRUNCATE reading");
            }

            Path dir = Files.createTempDirectory("jph-ingest-bench");
            int receiveBuffer = Integer.getInteger("jph.bench.receive-buffer", 4 * 1024 * 1024);
            MeshConfig config = ConfigLoader.parse("{\"Multicast\":{\"Control-Channel\":{\"Address\":\"239.255.73.1\","
                    + "\"Port\":27301},\"Data-Channel\":{\"Address\":\"239.255.73.2\",\"Port\":27302},\"Interface\":\"lo\","
                    + "\"TTL\":0,\"ReceiveBufferBytes\":" + receiveBuffer + "},\"Sensors\":[{\"Codifier\":\"zq\",\"Type\":\"Collector\"}]}",
                    "bench");
            System.out.printf("receive buffer requested: %,d bytes (the kernel caps it at net.core.rmem_max)%n", receiveBuffer);
            String prefix = "jph-bench:" + java.util.UUID.randomUUID() + ":";
            try (Collector collector = Collector.start(NodeOptions.of(Codifier.of("zq"), "bench").withConfig(config),
                    new Collector.Roles(database.settings(), dir.resolve("spool"), Collector.DEFAULT_SPOOL_CAP_BYTES,
                            new org.jphmesh.app.store.RedisSettings("127.0.0.1", 6379, null, prefix)));
                 DatagramChannel sender = sender()) {
                InetSocketAddress bus = new InetSocketAddress(InetAddress.getByName("239.255.73.2"), 27302);
                Thread.sleep(500);
                for (int c = 0; c < CODIFIERS; c++) {
                    send(sender, bus, Frame.data(0, System.currentTimeMillis(), codifier(c), new SequenceStart(0)));
                }
                long start = System.nanoTime();
                long sent = 0;
                long now = System.currentTimeMillis();
                while (sent < readings) {
                    long due = (System.nanoTime() - start) * rate / 1_000_000_000L;
                    while (sent < due && sent < readings) {
                        int c = (int) (sent % CODIFIERS);
                        long seq = sent / CODIFIERS + 1;
                        send(sender, bus, Frame.data(seq, now + seq, codifier(c), new FloatReading(21.5f)));
                        sent++;
                    }
                    // Send in 1 ms bursts and sleep between them: a spinning sender would take a core from the collector.
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                }
                double sendSeconds = (System.nanoTime() - start) / 1e9;
                // A large receive buffer still holds datagrams after the last send: wait until it has drained.
                long heard = -1;
                while (heard != collector.journal().appended()) {
                    heard = collector.journal().appended();
                    Thread.sleep(200);
                }
                collector.writer().flush(java.time.Duration.ofMinutes(5));
                double seconds = (System.nanoTime() - start) / 1e9;
                long stored = count(database);
                long lost = 0;
                for (int c = 0; c < CODIFIERS; c++) {
                    lost += collector.node().accounting().stats(codifier(c), BusChannel.DATA).map(s -> s.lost()).orElse(0L);
                }
                double ingestRate = stored / seconds;
                System.out.printf(Locale.ROOT, "offered %,d readings at %,d/s (sent in %.2f s)%n", readings, rate, sendSeconds);
                System.out.printf(Locale.ROOT, "stored %,d in %.2f s: %,.0f readings/s; network lost %,d; journal refused %,d%n",
                        stored, seconds, ingestRate, lost, collector.journal().refused());
                System.out.printf(Locale.ROOT, "raw COPY of %,d rows: %,.0f rows/s; ingest = %.2f of raw COPY%n",
                        readings, copyRate, ingestRate / copyRate);
                try (redis.clients.jedis.Jedis redis = new redis.clients.jedis.Jedis("127.0.0.1", 6379)) {
                    Thread.sleep(200);
                    java.util.Set<String> keys = redis.keys(prefix + "*");
                    System.out.printf(Locale.ROOT, "redis: %,d latest-state hashes (expected %,d)%n",
                            keys.stream().filter(k -> !k.endsWith("live")).count(), CODIFIERS);
                    keys.forEach(redis::del);
                }
            }
        }
    }

    private static double rawCopy(TestDatabase database, int rows) throws Exception {
        StringBuilder csv = new StringBuilder(rows * 48);
        long now = System.currentTimeMillis();
        for (int i = 0; i < rows; i++) {
            csv.append(codifier(i % CODIFIERS).value()).append(',').append(Instant.ofEpochMilli(now + i / CODIFIERS))
                    .append(',').append(i / CODIFIERS + 1).append(",f,21.5,,0\n");
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

    private static Codifier codifier(int index) {
        return Codifier.of("" + (char) ('A' + index / 40) + (char) ('0' + index % 40));
    }

    private static DatagramChannel sender() throws Exception {
        DatagramChannel channel = DatagramChannel.open(StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
        channel.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
        return channel;
    }

    private static final ByteBuf BUFFER = Unpooled.buffer(64);

    private static void send(DatagramChannel channel, InetSocketAddress to, Frame frame) throws Exception {
        BUFFER.clear();
        FrameCodec.encode(frame, BUFFER);
        ByteBuffer bytes = BUFFER.nioBuffer();
        channel.send(bytes, to);
    }
}
