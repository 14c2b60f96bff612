package org.jphmesh.collector.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.jphmesh.bus.codec.FrameCodec;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.TestMesh;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.postgresql.ds.PGSimpleDataSource;
import redis.clients.jedis.Jedis;

/**
 * The soak: 1,000 codifiers at 1 reading/s for an hour through a collector (PostgreSQL and Redis) and a dashboard
 * with its MQTT bridge and five {@code /live} connections, each program a process of its own with the packaged units'
 * flags. Every minute it prints each program's resident memory and its heap after a full GC (forced with
 * {@code jcmd GC.run}, then {@code GC.heap_info}); at the end, whether every reading was stored once and how
 * much each figure moved over the last 50 minutes. Needs the built jars (collector.jar, web.jar), PostgreSQL,
 * Redis and Mosquitto on 127.0.0.1.
 * Run from the collector module: {@code java -cp <bench class path> org.jphmesh.collector.bench.SoakBenchmark 3600}
 */
public final class SoakBenchmark {

    private static final int CODIFIERS = 1_000;
    private static final int BROWSERS = 5;
    private static final String UNIT_FLAGS = "-Xms16m -Xmx128m -XX:+UseSerialGC -XX:-UsePerfData";
    private static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");

    private SoakBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 3600;
        Path dir = Files.createTempDirectory("jph-soak");
        String run = UUID.randomUUID().toString().substring(0, 8);
        String redisPrefix = "jph-soak-" + run + ":";
        String topicPrefix = "jph-soak-" + run;
        TestMesh mesh = TestMesh.fresh();
        try (TestDatabase database = new TestDatabase(); LoopbackSender sender = new LoopbackSender()) {
            PGSimpleDataSource source = new PGSimpleDataSource();
            source.setUrl(database.url());
            source.setUser("postgres");
            Migrations.migrate(source);
            String name = database.url().substring(database.url().lastIndexOf('/') + 1);
            int webPort = freePort();
            List<Codifier> codes = codifiers();
            StringBuilder entries = new StringBuilder()
                    .append("{\"Codifier\":\"zq\",\"Type\":\"Collector\",\"SensorInterval\":10,\"Sensor\":{").append(sql(name))
                    .append(",\"Redis\":{\"Host\":\"127.0.0.1\",\"Port\":6379,\"KeyPrefix\":\"").append(redisPrefix).append("\"},")
                    .append("\"Spool\":\"").append(dir.resolve("spool")).append("\"}},")
                    .append("{\"Codifier\":\"zw\",\"Type\":\"Web\",\"Sensor\":{\"Web\":{\"Bind\":\"127.0.0.1\",\"Port\":").append(webPort)
                    .append(",\"AnonymousRead\":true},").append(sql(name)).append(",\"Mqtt\":{\"Url\":\"tcp://127.0.0.1:1883\",")
                    .append("\"TopicPrefix\":\"").append(topicPrefix).append("\",\"DiscoveryPrefix\":false}}}");
            for (Codifier code : codes) {
                entries.append(",").append(TestMesh.entry(code.value(), "Simulated", 1, 30, ""));
            }
            Path config = mesh.writeConfig(dir, entries.toString());
            List<Program> programs = List.of(Program.start("collector", "target/collector.jar", "zq", config, dir),
                    Program.start("dashboard", "../web/target/web.jar", "zw", config, dir));
            HttpClient http = HttpClient.newHttpClient();
            awaitHealth(http, webPort);

            AtomicLong liveMessages = new AtomicLong();
            List<WebSocket> sockets = new ArrayList<>();
            for (int i = 0; i < BROWSERS; i++) {
                sockets.add(http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + webPort + "/live"),
                        new Counting(liveMessages)).join());
            }
            AtomicLong mqttMessages = new AtomicLong();
            MqttClient mqtt = new MqttClient("tcp://127.0.0.1:1883", "jph-soak-" + run, new MemoryPersistence());
            MqttConnectOptions options = new MqttConnectOptions();
            options.setCleanSession(true);
            mqtt.connect(options);
            mqtt.subscribe(topicPrefix + "/+/state", 0, (topic, message) -> mqttMessages.incrementAndGet());

            System.out.printf(Locale.ROOT, "soak: %d codifiers at 1 reading/s for %d s; collector and dashboard with %s%n",
                    CODIFIERS, seconds, UNIT_FLAGS);
            System.out.println("minute  collector RSS MB  heap after GC MB  dashboard RSS MB  heap after GC MB  /live msgs  MQTT msgs");
            List<double[]> samples = new ArrayList<>();
            long total = (long) seconds * CODIFIERS;
            long period = 1_000_000_000L / CODIFIERS;
            long start = System.nanoTime();
            ByteBuf buffer = Unpooled.buffer(64);
            int minute = 0;
            for (long i = 0; i < total; i++) {
                long due = start + i * period;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    // Parked, not spinning: an hour of spinning would take a core from the programs measured.
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                Codifier code = codes.get((int) (i % CODIFIERS));
                long seq = i / CODIFIERS + 1;
                Frame frame = Frame.data(seq, System.currentTimeMillis(), code, new FloatReading(20 + (seq % 100) / 10f));
                buffer.clear();
                FrameCodec.encode(frame, buffer);
                byte[] datagram = new byte[buffer.readableBytes()];
                buffer.readBytes(datagram);
                sender.send(datagram, mesh.dataGroup(), mesh.dataPort());
                if ((i + 1) % (60L * CODIFIERS) == 0) {
                    minute++;
                    double[] sample = {minute, programs.get(0).residentMb(), programs.get(0).heapAfterFullGcMb(),
                            programs.get(1).residentMb(), programs.get(1).heapAfterFullGcMb()};
                    samples.add(sample);
                    System.out.printf(Locale.ROOT, "%6d  %16.1f  %16.1f  %16.1f  %16.1f  %10d  %9d%n", minute, sample[1], sample[2],
                            sample[3], sample[4], liveMessages.get(), mqttMessages.get());
                }
            }
            long stored = settledCount(database, "SELECT count(*) FROM reading WHERE codifier <> 'zq'");
            long distinct = settledCount(database, "SELECT count(DISTINCT (codifier, seq)) FROM reading WHERE codifier <> 'zq'");
            System.out.printf(Locale.ROOT, "sent %,d readings; stored %,d; distinct %,d; missing %,d; duplicated %,d%n",
                    total, stored, distinct, total - distinct, stored - distinct);
            try (Jedis redis = new Jedis("127.0.0.1", 6379)) {
                String value = redis.hget(redisPrefix + codes.get(CODIFIERS - 1).value(), "Value");
                String lost = redis.hget(redisPrefix + codes.get(CODIFIERS - 1).value(), "DPacketsLost");
                System.out.printf("Redis: the last codifier's latest Value %s, DPacketsLost %s (last sent %s)%n", value, lost,
                        20 + ((total / CODIFIERS) % 100) / 10.0);
                // The run's keys go with it, as its database does.
                for (String key : redis.keys(redisPrefix + "*")) {
                    redis.del(key);
                }
            }
            flatness(samples, "collector RSS", 1);
            flatness(samples, "collector heap after GC", 2);
            flatness(samples, "dashboard RSS", 3);
            flatness(samples, "dashboard heap after GC", 4);
            System.out.printf("/live messages %d over %d connections, MQTT state messages %d%n", liveMessages.get(), BROWSERS,
                    mqttMessages.get());
            mqtt.disconnect();
            mqtt.close();
            sockets.forEach(WebSocket::abort);
            for (Program program : programs) {
                program.stop();
            }
            System.out.println("logs and GC logs in " + dir);
        }
        System.exit(0);
    }

    /** How far a figure moved over the last 50 minutes (all minutes after the first ten): max over min. */
    private static void flatness(List<double[]> samples, String what, int column) {
        List<double[]> steady = samples.stream().filter(s -> s[0] > Math.min(10, samples.size() / 6.0)).toList();
        if (steady.isEmpty()) {
            System.out.println(what + ": not a full minute measured");
            return;
        }
        double min = steady.stream().mapToDouble(s -> s[column]).min().orElse(Double.NaN);
        double max = steady.stream().mapToDouble(s -> s[column]).max().orElse(Double.NaN);
        double first = steady.get(0)[column];
        double last = steady.get(steady.size() - 1)[column];
        // A trend, not one minute's noise: the median of the last ten minutes against that of the first ten.
        int tenth = Math.max(1, Math.min(10, steady.size() / 2));
        double early = median(steady.subList(0, tenth), column);
        double late = median(steady.subList(steady.size() - tenth, steady.size()), column);
        System.out.printf(Locale.ROOT, "%s over minutes %d..%d: %.1f..%.1f MB (first %.1f, last %.1f): spread %.1f %%;"
                        + " median of the last %d minutes against the first %d: %+.1f %%%n", what,
                (int) steady.get(0)[0], (int) samples.get(samples.size() - 1)[0], min, max, first, last,
                100 * (max - min) / min, tenth, tenth, 100 * (late - early) / early);
    }

    private static double median(List<double[]> samples, int column) {
        double[] values = samples.stream().mapToDouble(s -> s[column]).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private static String sql(String database) {
        return "\"SQL\":{\"Database\":\"" + database + "\",\"Host\":\"127.0.0.1\",\"Port\":5432,\"User\":\"postgres\"}";
    }

    private static void awaitHealth(HttpClient http, int port) throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException e) {
                // not up yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the dashboard did not answer /health on port " + port);
    }

    private static long settledCount(TestDatabase database, String sql) throws Exception {
        long previous = -1;
        while (true) {
            long count;
            try (Connection connection = database.connect(); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(sql)) {
                result.next();
                count = result.getLong(1);
            }
            if (count == previous) {
                return count;
            }
            previous = count;
            Thread.sleep(5_000);
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<Codifier> codifiers() {
        String first = "ABDEFGHIJKLMNOPRTUVWXY";
        String second = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
        List<Codifier> codes = new ArrayList<>();
        for (int i = 0; codes.size() < CODIFIERS; i++) {
            codes.add(Codifier.of("" + first.charAt(i / second.length()) + second.charAt(i % second.length())));
        }
        return codes;
    }

    /** One program of the mesh in its own JVM, with the packaged unit's flags and a GC log. */
    private record Program(String name, Process process, Path gcLog) {

        static Program start(String name, String jar, String code, Path config, Path dir) throws Exception {
            Path gcLog = dir.resolve(name + "-gc.log");
            List<String> command = new ArrayList<>(List.of("java"));
            command.addAll(List.of(UNIT_FLAGS.split(" ")));
            command.addAll(List.of("-Xlog:gc:file=" + gcLog, "-Djph.multicast.allowed-interfaces=lo", "-jar", jar, "-c", code,
                    "-u", config.toString()));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(name + ".log").toFile())).start();
            return new Program(name, process, gcLog);
        }

        double residentMb() throws Exception {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
            throw new IllegalStateException(name + " has no VmRSS: it stopped");
        }

        /** Forces a full collection, then reads the generations' use: the live heap, not wherever the young one was. */
        double heapAfterFullGcMb() throws Exception {
            jcmd("GC.run");
            long usedKb = 0;
            Matcher used = USED.matcher(jcmd("GC.heap_info"));
            while (used.find()) {
                usedKb += Long.parseLong(used.group(1));
            }
            return usedKb / 1024.0;
        }

        private String jcmd(String command) throws Exception {
            Process jcmd = new ProcessBuilder("jcmd", String.valueOf(process.pid()), command).redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            jcmd.waitFor();
            return out;
        }

        void stop() throws Exception {
            process.destroy();
            process.waitFor();
        }
    }

    private record Counting(AtomicLong messages) implements WebSocket.Listener {
        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (last) {
                messages.incrementAndGet();
            }
            socket.request(1);
            return null;
        }
    }
}
