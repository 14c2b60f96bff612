package org.jphmesh.bus.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.testing.NetworkLab;
import org.jphmesh.bus.testing.ProbeNodeMain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A legacy config names no interface. In a namespace with the multicast range routed through {@code lo} (and an
 * Ethernet-like interface with an address beside it), the legacy nodes run on {@code lo} (they join with
 * INADDR_ANY); so must a Java node, taking the routed interface, with the test suite's allow-list still in force.
 */
class DefaultInterfaceIT {

    private static final int READINGS = 40;

    @TempDir
    Path dir;

    @Test
    void without_an_interface_in_the_config_nodes_use_the_route_and_hear_each_other_in_a_loopback_only_namespace()
            throws Exception {
        NetworkLab.requireOrSkip("DefaultInterfaceIT");
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"Multicast\":{\"Control-Channel\":{\"Address\":\"239.255.92.1\",\"Port\":17911},"
                + "\"Data-Channel\":{\"Address\":\"239.255.92.2\",\"Port\":17912}},\"Sensors\":["
                + "{\"Codifier\":\"SA\",\"Type\":\"Simulated\"},{\"Codifier\":\"L1\",\"Type\":\"ControlProgram\"}]}");
        List<String> allowLo = List.of("-D" + InterfaceGuard.ALLOWED_INTERFACES_PROPERTY + "=lo");
        try (NetworkLab lab = new NetworkLab()) {
            String ns = lab.loopbackOnlyNamespace("lo");
            // A second interface with an IPv4 address, as on a host with Ethernet: the route, not the address, decides.
            String peer = lab.namespace("peer");
            lab.veth(ns, "jphdi0", "10.93.1.1/30", peer, "jphdi1", "10.93.1.2/30");
            Path heard = dir.resolve("L1.heard");
            Process listener = lab.start(ns, NetworkLab.java(ProbeNodeMain.class.getName(), allowLo, "listen",
                    config.toString(), "L1", "6", heard.toString()), dir.resolve("L1.log"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(Path.of(heard + ".ready")) || !listener.isAlive());
            assertThat(listener.isAlive()).as("the listener runs: " + log("L1.log")).isTrue();
            Process sender = lab.start(ns, NetworkLab.java(ProbeNodeMain.class.getName(), allowLo, "send",
                    config.toString(), "SA", String.valueOf(READINGS), "100"), dir.resolve("SA.log"));
            assertThat(sender.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(sender.exitValue()).as("the sender's exit code: " + log("SA.log")).isZero();
            assertThat(listener.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readAllLines(heard, StandardCharsets.UTF_8)).filteredOn(line -> line.startsWith("SA "))
                    .hasSize(READINGS);
            assertThat(log("SA.log")).contains("Multicast.Interface not set; using lo");
        }
    }

    private String log(String name) throws Exception {
        Path file = dir.resolve(name);
        return Files.exists(file) ? Files.readString(file) : "(no log)";
    }
}
