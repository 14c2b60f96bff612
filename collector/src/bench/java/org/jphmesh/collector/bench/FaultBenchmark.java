package org.jphmesh.collector.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Locale;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.SequenceStart;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The fault test at full size: 200 codifiers at 50 readings/s each for 40 s (400,000 readings) into two
 * collector processes sharing one database; at 10 s the machine's PostgreSQL is restarted, at 20 s one
 * collector is killed with SIGKILL and started again 3 s later. Then every sequence sent is looked for
 * in the database. Needs root (pg_ctlcluster) and the packaged collector.jar.
 * Run: {@code mvn -pl collector -Pbench package exec:exec -Dbench.main=org.jphmesh.collector.bench.FaultBenchmark}
 */
public final class FaultBenchmark {

    private static final int CODIFIERS = 200;
    private static final int RATE = 10_000;
    private static final int SECONDS = 40;

    private FaultBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("jph-fault-bench");
        try (TestDatabase database = new TestDatabase()) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(database.url());
            source.setUser("postgres");
            Migrations.migrate(source);
            String name = database.url().substring(database.url().lastIndexOf('/') + 1);
            Path config = Files.writeString(dir.resolve("config.json"), "{\"Multicast\":{\"Control-Channel\":{\"Address\":"
                    + "\"239.255.74.1\",\"Port\":27401},\"Data-Channel\":{\"Address\":\"239.255.74.2\",\"Port\":27402},"
                    + "\"Interface\":\"lo\",\"TTL\":0},\"Sensors\":[" + collector("zq", name, dir) + "," + collector("zr", name, dir) + "]}");
            Process q1 = start("zq", config, dir);
            Process q2 = start("zr", config, dir);
            Thread.sleep(3_000);

            long sent = 0;
            try (DatagramChannel sender = DatagramChannel.open(StandardProtocolFamily.INET)) {
                sender.setOption(StandardSocketOptions.IP_MULTICAST_IF, NetworkInterface.getByName("lo"));
                sender.setOption(StandardSocketOptions.IP_MULTICAST_TTL, 0);
                InetSocketAddress bus = new InetSocketAddress(InetAddress.getByName("239.255.74.2"), 27402);
                for (int c = 0; c < CODIFIERS; c++) {
                    send(sender, bus, Frame.data(0, System.currentTimeMillis(), codifier(c), new SequenceStart(0)));
                }
                long start = System.nanoTime();
                boolean restarted = false;
                boolean killed = false;
                boolean revived = false;
                long total = (long) RATE * SECONDS;
                while (sent < total) {
                    double elapsed = (System.nanoTime() - start) / 1e9;
                    if (!restarted && elapsed > 10) {
                        restarted = true;
                        event("restarting PostgreSQL");
                        new ProcessBuilder("bash", "-c", "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql | tail -1)"
                                + " main restart").inheritIO().start();
                    }
                    if (!killed && elapsed > 20) {
                        killed = true;
                        event("SIGKILL to collector zq");
                        q1.destroyForcibly().waitFor();
                    }
                    if (!revived && elapsed > 23) {
                        revived = true;
                        event("starting collector zq again");
                        q1 = start("zq", config, dir);
                    }
                    long due = (long) (elapsed * RATE);
                    while (sent < due && sent < total) {
                        int c = (int) (sent % CODIFIERS);
                        long seq = sent / CODIFIERS + 1;
                        send(sender, bus, Frame.data(seq, 1_800_000_000_000L + seq, codifier(c), new FloatReading(seq)));
                        sent++;
                    }
                    Thread.sleep(1);
                }
            }
            long stored = -1;
            long previous = -2;
            while (stored != previous) {
                Thread.sleep(5_000);
                previous = stored;
                stored = count(database, "SELECT count(*) FROM reading WHERE ts >= to_timestamp(1800000000)");
            }
            long distinct = count(database, "SELECT count(DISTINCT (codifier, seq)) FROM reading WHERE ts >= to_timestamp(1800000000)");
            System.out.printf(Locale.ROOT, "sent %,d readings; stored %,d; distinct %,d; missing %,d; duplicated %,d%n",
                    sent, stored, distinct, sent - distinct, stored - distinct);
            q1.destroy();
            q2.destroy();
            q1.waitFor();
            q2.waitFor();
        }
    }

    private static String collector(String code, String database, Path dir) {
        return "{\"Codifier\":\"" + code + "\",\"Type\":\"Collector\",\"SensorInterval\":60,\"Sensor\":{\"SQL\":{\"Database\":\""
                + database + "\",\"Host\":\"127.0.0.1\",\"User\":\"postgres\"},\"Spool\":\"" + dir.resolve("spool-" + code) + "\"}}";
    }

    private static Process start(String code, Path config, Path dir) throws Exception {
        return new ProcessBuilder("java", "-Djph.multicast.allowed-interfaces=lo", "-jar", "target/collector.jar", "-c", code,
                "-u", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(code + ".log").toFile())).start();
    }

    private static void event(String what) {
        System.out.printf("%tT %s%n", System.currentTimeMillis(), what);
    }

    private static long count(TestDatabase database, String sql) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(sql)) {
                result.next();
                return result.getLong(1);
            } catch (java.sql.SQLException e) {
                if (attempt > 20) {
                    throw e;
                }
                Thread.sleep(1_000);
            }
        }
    }

    private static Codifier codifier(int index) {
        return Codifier.of("" + (char) ('A' + index / 20) + (char) ('0' + index % 20));
    }

    private static final ByteBuf BUFFER = Unpooled.buffer(64);

    private static void send(DatagramChannel channel, InetSocketAddress to, Frame frame) throws Exception {
        BUFFER.clear();
        FrameCodec.encode(frame, BUFFER);
        channel.send(BUFFER.nioBuffer(), to);
    }
}
