package org.jphmesh.bus.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Separate networks on one machine, for tests that cross them: network namespaces joined by veth pairs,
 * made by the test and removed by {@link #close()} with every process started in them. Multicast stays
 * inside: the pairs lead nowhere but to each other (or to the host's end of a pair, which is on this machine).
 * Needs root ({@code ip netns add}); {@link #unavailable()} says why not, for the test to skip with that message.
 */
public final class NetworkLab implements AutoCloseable {

    private final String tag = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();
    private final List<List<String>> undo = new ArrayList<>();

    /** Why namespaces cannot be made here (not root, no iproute2, a container without the capability), or empty. */
    public static Optional<String> unavailable() {
        String probe = "jphprobe" + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
        try {
            Result added = run(List.of("ip", "netns", "add", probe));
            if (added.code() != 0) {
                return Optional.of("cannot create a network namespace (`ip netns add` said: " + added.output().strip()
                        + "); run as root, as CI does");
            }
            run(List.of("ip", "netns", "delete", probe));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of("cannot run `ip` (" + e.getMessage() + "); install iproute2 and run as root");
        }
    }

    /**
     * For a test that needs namespaces: returns when they can be made. Otherwise, where every test must run
     * ({@code JPH_REQUIRE_ALL_TESTS}, which {@code .ci/run} sets) it fails saying why, and elsewhere it skips the test,
     * printing why: a skip must never pass for a success.
     */
    public static void requireOrSkip(String test) {
        Prerequisite.requireOrSkip(test, unavailable());
    }

    /** A new namespace with its loopback up; its name is returned (short: interface and namespace names are). */
    public String namespace(String name) {
        String ns = "jph" + tag + name;
        must(List.of("ip", "netns", "add", ns));
        namespaces.add(ns);
        must(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
        return ns;
    }

    /**
     * A namespace whose only interface is {@code lo}, made multicast-capable with the group range routed through it:
     * the set-up under which legacy nodes, joining with {@code INADDR_ANY}, run on one host with nothing else.
     */
    public String loopbackOnlyNamespace(String name) {
        String ns = namespace(name);
        must(List.of("ip", "-n", ns, "link", "set", "lo", "multicast", "on"));
        must(List.of("ip", "-n", ns, "route", "add", "224.0.0.0/4", "dev", "lo"));
        return ns;
    }

    /** A veth pair from {@code nsA}'s {@code ifA} to {@code nsB}'s {@code ifB}, with IPv4 addresses (CIDR) and up. */
    public void veth(String nsA, String ifA, String addressA, String nsB, String ifB, String addressB) {
        must(List.of("ip", "link", "add", ifA, "netns", nsA, "type", "veth", "peer", "name", ifB, "netns", nsB));
        must(List.of("ip", "-n", nsA, "addr", "add", addressA, "dev", ifA));
        must(List.of("ip", "-n", nsB, "addr", "add", addressB, "dev", ifB));
        must(List.of("ip", "-n", nsA, "link", "set", ifA, "up"));
        must(List.of("ip", "-n", nsB, "link", "set", ifB, "up"));
    }

    /** A veth pair from the host's namespace, where the test JVM runs, into {@code ns}; addresses in CIDR, both up. */
    public void vethFromHost(String hostIf, String hostAddress, String ns, String nsIf, String nsAddress) {
        must(List.of("ip", "link", "add", hostIf, "type", "veth", "peer", "name", nsIf, "netns", ns));
        undo.add(0, List.of("ip", "link", "del", hostIf));
        must(List.of("ip", "addr", "add", hostAddress, "dev", hostIf));
        must(List.of("ip", "link", "set", hostIf, "up"));
        must(List.of("ip", "-n", ns, "addr", "add", nsAddress, "dev", nsIf));
        must(List.of("ip", "-n", ns, "link", "set", nsIf, "up"));
    }

    /**
     * Drops {@code percent} % of the datagrams {@code iface} handles ({@code ns} null: the host's namespace), with
     * {@code tc netem} where the kernel has it, else with an nftables rule on the device's ingress (some VM
     * kernels are built without netem). Returns how, for the test's report.
     */
    public String loss(String ns, String iface, int percent) {
        List<String> netem = List.of("tc", "qdisc", "add", "dev", iface, "root", "netem", "loss", percent + "%");
        Result tc = run0(in(ns, netem));
        if (tc.code() == 0) {
            return "tc netem loss " + percent + "%";
        }
        String table = "jphloss" + iface.replaceAll("[^A-Za-z0-9]", "");
        Result nft = run0(in(ns, List.of("nft", "table netdev " + table + " { chain in { type filter hook ingress device \""
                + iface + "\" priority 0; numgen random mod 1000 < " + percent * 10 + " drop; }; }")));
        if (nft.code() != 0) {
            throw new IllegalStateException("cannot induce loss on " + iface + ": tc netem failed (" + tc.output().strip()
                    + ") and nft failed (" + nft.output().strip() + "); install nftables or load sch_netem");
        }
        undo.add(0, in(ns, List.of("nft", "delete", "table", "netdev", table)));
        return "nftables numgen random drop " + percent + "% on ingress (kernel without netem)";
    }

    /** {@code command} run inside {@code ns} ({@code ip netns exec ns ...}), or as it is when {@code ns} is null. */
    public static List<String> in(String ns, List<String> command) {
        if (ns == null) {
            return command;
        }
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return full;
    }

    /** Starts {@code command} inside {@code ns}, its output in {@code log}; stopped by {@link #close()}. */
    public Process start(String ns, List<String> command, Path log) {
        List<String> full = in(ns, command);
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + full + ": " + e.getMessage(), e);
        }
    }

    /** The command line of a JVM on this test's classpath running {@code mainClass}, with system properties. */
    public static List<String> java(String mainClass, List<String> properties, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m", "-XX:TieredStopAtLevel=1"));
        command.addAll(properties);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (List<String> command : undo) {
            run0(command);
        }
        undo.clear();
        // Deleting a namespace deletes the veth ends in it, and with them their peers.
        for (String ns : List.copyOf(namespaces)) {
            try {
                run(List.of("ip", "netns", "delete", ns));
            } catch (IOException e) {
                System.err.println("NetworkLab: could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
        namespaces.clear();
    }

    private static void must(List<String> command) {
        try {
            Result result = run(command);
            if (result.code() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output().strip());
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + e.getMessage(), e);
        }
    }

    private record Result(int code, String output) {
    }

    private static Result run0(List<String> command) {
        try {
            return run(command);
        } catch (IOException e) {
            return new Result(-1, e.getMessage());
        }
    }

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, String.join(" ", command) + " timed out");
            }
            return new Result(process.exitValue(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
