package org.jphmesh.sensor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.bus.node.NodeOptions;
import org.jphmesh.bus.testing.LoopbackSender;
import org.jphmesh.bus.testing.ProcessCpu;
import org.jphmesh.bus.testing.TestMesh;

/**
 * 1,000 threshold rules over 1,000 codifiers that each read once a second, on an alerts node in a process of its
 * own: its CPU, and the time from the reading that crosses a threshold to the webhook's request (both ends in this
 * process, on one clock). {@code AlertLatencyBenchmark <seconds> <crossings per second>}.
 */
public final class AlertLatencyBenchmark {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int RULES = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private AlertLatencyBenchmark() {
    }

    private static Codifier code(int i) {
        return Codifier.of("" + ALPHABET.charAt(i / ALPHABET.length()) + ALPHABET.charAt(i % ALPHABET.length()));
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        int crossingsPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Path dir = Files.createTempDirectory("jph-alert-bench");
        Map<String, Long> firedAt = new ConcurrentHashMap<>();
        Map<String, Long> resolvedAt = new ConcurrentHashMap<>();
        CountDownLatch firstCall = new CountDownLatch(1);
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        hook.createContext("/hook", exchange -> {
            long now = System.nanoTime();
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            (body.path("state").asText().equals("firing") ? firedAt : resolvedAt).putIfAbsent(body.path("alert").asText(), now);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            firstCall.countDown();
        });
        ExecutorService handlers = Executors.newFixedThreadPool(4);
        hook.setExecutor(handlers);
        hook.start();

        TestMesh mesh = TestMesh.fresh();
        ObjectNode alerts = JSON.createObjectNode().put("Codifier", "zz").put("Type", "Alerts").put("SensorInterval", 10)
                .put("KeepAliveInterval", 30);
        ObjectNode sensor = alerts.putObject("Sensor").put("StateFolder", System.getProperty("bench.state", dir.resolve("state").toString()));
        sensor.putObject("Notify").putObject("Webhook").put("Url",
                "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook");
        ArrayNode rules = sensor.putArray("Proxy");
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < RULES; i++) {
            String input = code(i).value();
            rules.addObject().put("Codifier", code(RULES + i).value()).put("Name", "rule " + i)
                    .put("When", "{{" + input + "}} > 50").put("Clear", "{{" + input + "}} < 40");
            entries.add(JSON.createObjectNode().put("Codifier", input).put("Type", "Simulated").put("SensorInterval", 1)
                    .toString());
        }
        entries.add(alerts.toString());
        entries.add(JSON.createObjectNode().put("Codifier", "zy").put("Type", "ControlProgram").toString());
        Path config = mesh.writeConfig(dir, String.join(",", entries));
        // -Dbench.jvm="..." runs the alerts node with other JVM flags (the packaged unit's, for its footprint).
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djph.multicast.allowed-interfaces=lo", "-Djph.net.allowed-hosts=127.0.0.1,localhost"));
        command.addAll(Arrays.asList(System.getProperty("bench.jvm", "-Xmx128m").trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.jphmesh.sensor.NodeMain", "-c", "zz",
                "-u", config.toString()));
        Process node = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(dir.resolve("node.log").toFile()).start();
        // Where the time goes: a listener on the bus notes when each rule's firing state was sent.
        Map<String, Long> stateSentAt = new ConcurrentHashMap<>();
        Node listener = Node.start(NodeOptions.of(Codifier.of("zy"), config.toString()), new NodeCallbacks() {
            @Override
            public void onFrame(Node node, Frame frame, InetSocketAddress from) {
                if (frame.payload() instanceof JsonReading json && json.json().contains("\"state\":\"firing\"")) {
                    stateSentAt.putIfAbsent(frame.from().value(), System.nanoTime());
                }
            }
        });
        try (LoopbackSender sender = new LoopbackSender()) {
            long[] sequences = new long[RULES];
            double[] values = new double[RULES];
            Arrays.fill(values, 20);
            // Warm up: every input heard, every rule ok, the JIT done, a first crossing delivered.
            sendRound(sender, mesh, sequences, values, 0, 10);
            values[0] = 60;
            long warmCross = System.nanoTime();
            sendRound(sender, mesh, sequences, values, 0, 1);
            if (!firstCall.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no webhook call: see " + dir.resolve("node.log"));
            }
            values[0] = 20;
            sendRound(sender, mesh, sequences, values, 0, 5);
            firedAt.clear();
            resolvedAt.clear();
            stateSentAt.clear();
            System.out.printf(Locale.ROOT, "warm-up crossing took %.1f ms%n", (System.nanoTime() - warmCross) / 1e6);

            Map<String, Long> crossedAt = new ConcurrentHashMap<>();
            Map<String, Long> clearedAt = new ConcurrentHashMap<>();
            long cpuStart = ProcessCpu.processTicks(node.pid());
            Map<String, Long> threadsStart = ProcessCpu.byThread(node.pid());
            long start = System.nanoTime();
            int next = 1;
            for (int second = 0; second < seconds; second++) {
                long secondStart = start + second * 1_000_000_000L;
                // Each input reads once a second, spread over the second; some cross, earlier ones go back.
                List<Integer> crossing = new ArrayList<>();
                for (int c = 0; c < crossingsPerSecond; c++) {
                    crossing.add(next);
                    next = next % (RULES - 1) + 1;
                }
                for (int i = 0; i < RULES; i++) {
                    long due = secondStart + i * 1_000_000L;
                    // Parked, not spinning: on two cores a spinning sender would take one from the alerts node.
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait);
                    }
                    String rule = code(RULES + i).value();
                    if (crossing.contains(i)) {
                        values[i] = 60;
                        crossedAt.put(rule, System.nanoTime());
                    } else if (values[i] == 60 && crossedAt.containsKey(rule) && System.nanoTime() - crossedAt.get(rule) > 3e9) {
                        values[i] = 20;
                        clearedAt.put(rule, System.nanoTime());
                    }
                    sendOne(sender, mesh, sequences, values, i);
                }
            }
            long elapsed = System.nanoTime() - start;
            long cpu = ProcessCpu.processTicks(node.pid()) - cpuStart;
            Map<String, Long> threads = ProcessCpu.byThread(node.pid());
            Thread.sleep(2_000); // the last crossings' webhooks
            long rss = ProcessCpu.residentKb(node.pid());
            threads.entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue() - threadsStart.getOrDefault(e.getKey(), 0L)))
                    .filter(e -> e.getValue() > 10).sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                    .forEach(e -> System.out.printf(Locale.ROOT, "  %-32s %5.1f %% of one core%n", e.getKey(),
                            e.getValue() * ProcessCpu.TICK_NANOS * 100.0 / elapsed));
            report("rule state on the bus", crossedAt, stateSentAt);
            report("firing", crossedAt, firedAt);
            report("resolved", clearedAt, resolvedAt);
            System.out.printf(Locale.ROOT, "alerts node: %.1f %% of one core over %d s (%d rules, %d readings/s), RSS %d MB%n",
                    cpu * ProcessCpu.TICK_NANOS * 100.0 / elapsed, seconds, RULES, RULES, rss / 1024);
        } finally {
            node.destroy();
            node.waitFor(5, TimeUnit.SECONDS);
            hook.stop(0);
            handlers.shutdownNow();
            listener.close();
        }
    }

    private static void report(String what, Map<String, Long> sentAt, Map<String, Long> arrivedAt) {
        List<Double> latencies = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
            Long arrived = arrivedAt.get(sent.getKey());
            if (arrived == null) {
                missing++;
            } else {
                latencies.add((arrived - sent.getValue()) / 1e6);
            }
        }
        latencies.sort(Double::compare);
        if (latencies.isEmpty()) {
            System.out.printf(Locale.ROOT, "%s: none of %d arrived%n", what, sentAt.size());
            return;
        }
        System.out.printf(Locale.ROOT, "%s: %d crossings, %d missing; from the reading p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms%n", what, sentAt.size(), missing, percentile(latencies, 50), percentile(latencies, 99),
                latencies.get(latencies.size() - 1));
    }

    private static double percentile(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void sendRound(LoopbackSender sender, TestMesh mesh, long[] sequences, double[] values, int from,
                                  int rounds) throws InterruptedException {
        for (int r = 0; r < rounds; r++) {
            for (int i = from; i < RULES; i++) {
                sendOne(sender, mesh, sequences, values, i);
            }
            Thread.sleep(1_000);
        }
    }

    private static void sendOne(LoopbackSender sender, TestMesh mesh, long[] sequences, double[] values, int i) {
        byte[] datagram = LoopbackSender.encode(Frame.data(++sequences[i], System.currentTimeMillis(), code(i),
                Readings.of(values[i])));
        sender.send(datagram, mesh.dataGroup(), mesh.dataPort());
    }


}
