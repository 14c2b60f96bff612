package org.jphmesh.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jphmesh.bus.testing.NetworkLab;
import org.jphmesh.bus.testing.ProbeNodeMain;
import org.jphmesh.bus.transport.InterfaceGuard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three routers in a ring, each in its own network namespace, joined pairwise by veth pairs: three segments,
 * each reachable from every other by two paths. A stream sent on one segment must reach the other two once
 * per reading: flooding would bring every reading twice to one of them, and a loop would bring it forever.
 */
class RouterRingIT {

    private static final int READINGS = 1_000;
    private static final String MULTICAST = "{\"Control-Channel\":{\"Address\":\"239.255.91.1\",\"Port\":17901},"
            + "\"Data-Channel\":{\"Address\":\"239.255.91.2\",\"Port\":17902},\"TTL\":1,\"Interface\":\"%s\"}";

    @TempDir
    Path dir;

    private static String router(String code, String segment1, String if1, String segment2, String if2) {
        return "{\"Codifier\":\"" + code + "\",\"Type\":\"Router\",\"SensorInterval\":2,\"KeepAliveInterval\":5,"
                + "\"Sensor\":{\"Links\":[{\"Name\":\"" + segment1 + "\",\"Interface\":\"" + if1 + "\"},"
                + "{\"Name\":\"" + segment2 + "\",\"Interface\":\"" + if2 + "\"}]}}";
    }

    private Path config(String name, String interfaceName) throws Exception {
        String sensors = String.join(",", router("R1", "s12", "s12a", "s31", "s31b"),
                router("R2", "s12", "s12b", "s23", "s23a"), router("R3", "s23", "s23b", "s31", "s31a"),
                "{\"Codifier\":\"SA\",\"Type\":\"Simulated\"}", "{\"Codifier\":\"L1\",\"Type\":\"Console\"}",
                "{\"Codifier\":\"L2\",\"Type\":\"Console\"}", "{\"Codifier\":\"L3\",\"Type\":\"Console\"}");
        Path file = dir.resolve(name + ".json");
        Files.writeString(file, "{\"Multicast\":" + MULTICAST.formatted(interfaceName) + ",\"Sensors\":[" + sensors + "]}");
        return file;
    }

    private static List<String> allow(String interfaces) {
        return List.of("-D" + InterfaceGuard.ALLOWED_INTERFACES_PROPERTY + "=" + interfaces);
    }

    @Test
    void a_stream_crosses_a_ring_of_three_routers_to_every_segment_once_without_looping() throws Exception {
        NetworkLab.requireOrSkip("RouterRingIT");
        try (NetworkLab lab = new NetworkLab()) {
            String r1 = lab.namespace("r1");
            String r2 = lab.namespace("r2");
            String r3 = lab.namespace("r3");
            lab.veth(r1, "s12a", "10.91.12.1/24", r2, "s12b", "10.91.12.2/24");
            lab.veth(r2, "s23a", "10.91.23.1/24", r3, "s23b", "10.91.23.2/24");
            lab.veth(r3, "s31a", "10.91.31.1/24", r1, "s31b", "10.91.31.2/24");
            Path jar = Path.of("target", "router.jar").toAbsolutePath();
            Map<String, List<String>> routers = Map.of("R1", List.of(r1, "s12a,s31b"), "R2", List.of(r2, "s12b,s23a"),
                    "R3", List.of(r3, "s23b,s31a"));
            for (Map.Entry<String, List<String>> r : routers.entrySet()) {
                Path log = dir.resolve(r.getKey() + ".log");
                List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m"));
                command.addAll(allow(r.getValue().get(1)));
                command.addAll(List.of("-jar", jar.toString(), "-c", r.getKey(), "-u",
                        config(r.getKey(), r.getValue().get(1).split(",")[0]).toString()));
                lab.start(r.getValue().get(0), command, log);
            }
            for (String r : routers.keySet()) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        Files.readString(dir.resolve(r + ".log"))).contains("routing 2 links"));
            }
            // Listeners: on the sender's own segment (L1), and on each of the two segments beyond the routers.
            Map<String, List<String>> listeners = Map.of("L1", List.of(r2, "s12b"), "L2", List.of(r3, "s23b"),
                    "L3", List.of(r3, "s31a"));
            Map<String, Process> listening = new java.util.HashMap<>();
            for (Map.Entry<String, List<String>> l : listeners.entrySet()) {
                String iface = l.getValue().get(1);
                Path out = dir.resolve(l.getKey() + ".heard");
                listening.put(l.getKey(), lab.start(l.getValue().get(0), NetworkLab.java(ProbeNodeMain.class.getName(),
                        allow(iface), "listen", config(l.getKey(), iface).toString(), l.getKey(), "12", out.toString()),
                        dir.resolve(l.getKey() + ".log")));
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of(out + ".ready")));
            }
            Process sender = lab.start(r1, NetworkLab.java(ProbeNodeMain.class.getName(), allow("s12a"), "send",
                    config("SA", "s12a").toString(), "SA", String.valueOf(READINGS), "500"), dir.resolve("SA.log"));
            assertThat(sender.waitFor(60, TimeUnit.SECONDS)).isTrue();

            for (Map.Entry<String, Process> l : listening.entrySet()) {
                assertThat(l.getValue().waitFor(60, TimeUnit.SECONDS)).isTrue();
                List<String> heard = Files.readAllLines(dir.resolve(l.getKey() + ".heard"), StandardCharsets.UTF_8)
                        .stream().filter(line -> line.startsWith("SA ")).toList();
                Map<String, Long> copies = heard.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
                assertThat(copies).as(l.getKey() + " heard each reading once").hasSize(READINGS);
                assertThat(copies.values()).as(l.getKey() + " heard no reading twice").containsOnly(1L);
            }
        }
    }
}
