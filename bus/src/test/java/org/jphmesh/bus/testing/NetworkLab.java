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
 * inside: the pairs lead nowhere but to each other. Needs root ({@code ip netns add}); {@link #unavailable()}
 * says why not, for the test to skip with that message.
 */
public final class NetworkLab implements AutoCloseable {

    private final String tag = HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt());
    private final List<String> namespaces = new ArrayList<>();
    private final List<Process> processes = new ArrayList<>();

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

    /** A new namespace with its loopback up; its name is returned (short: interface and namespace names are). */
    public String namespace(String name) {
        String ns = "jph" + tag + name;
        must(List.of("ip", "netns", "add", ns));
        namespaces.add(ns);
        must(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
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

    /** Impairs what leaves {@code iface}: e.g. {@code "loss 5%"}. */
    public void netem(String ns, String iface, String impairment) {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", iface,
                "root", "netem"));
        command.addAll(List.of(impairment.split(" ")));
        must(command);
    }

    /** Starts {@code command} inside {@code ns}, its output in {@code log}; stopped by {@link #close()}. */
    public Process start(String ns, List<String> command, Path log) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
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
        // Deleting a namespace deletes the veth ends in it, and with them their peers.
        for (String ns : namespaces) {
            try {
                run(List.of("ip", "netns", "delete", ns));
            } catch (IOException e) {
                System.err.println("NetworkLab: could not delete namespace " + ns + ": " + e.getMessage());
            }
        }
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

    private static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(process.waitFor(), output);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
