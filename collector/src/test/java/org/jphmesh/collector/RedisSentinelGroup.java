package org.jphmesh.collector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.testing.LocalServers;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A Redis master, its replica and three sentinels watching them (Debian's {@code redis-sentinel} where installed,
 * else {@code redis-server --sentinel}, the same program), on free loopback ports, their files in a temporary folder; {@link #close()}
 * stops every process it started and removes the folder. The sentinels call the master down after a second.
 */
final class RedisSentinelGroup implements AutoCloseable {

    static final String MASTER_NAME = "jphtest";

    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final int masterPort = LocalServers.freePort();
    private final int replicaPort = LocalServers.freePort();
    private final List<Integer> sentinelPorts = List.of(LocalServers.freePort(), LocalServers.freePort(), LocalServers.freePort());
    private Process master;

    /** Why the group cannot be started here, or empty. */
    static Optional<String> unavailable() {
        try {
            Process version = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            if (version.waitFor(10, TimeUnit.SECONDS) && version.exitValue() == 0) {
                return Optional.empty();
            }
            return Optional.of("redis-server --version failed");
        } catch (IOException e) {
            return Optional.of("no redis-server (apt-get install redis-server redis-sentinel, as ./jph test does)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted");
        }
    }

    RedisSentinelGroup() throws IOException {
        this.dir = Files.createTempDirectory("jph-redis-sentinel-");
        try {
            master = server("master", masterPort);
            server("replica", replicaPort, "--replicaof", "127.0.0.1", String.valueOf(masterPort));
            for (int port : sentinelPorts) {
                Path conf = dir.resolve("sentinel-" + port + ".conf");
                Files.writeString(conf, String.join("\n", "port " + port, "bind 127.0.0.1", "dir " + dir,
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                        "sentinel failover-timeout " + MASTER_NAME + " 10000", ""));
                start("sentinel-" + port, sentinelCommand(conf));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    // Debian's redis-sentinel where installed (./jph test installs it); redis-server --sentinel is the same program.
    private static List<String> sentinelCommand(Path conf) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "redis-sentinel"))) {
                return List.of(Path.of(dir, "redis-sentinel").toString(), conf.toString());
            }
        }
        return List.of("redis-server", conf.toString(), "--sentinel");
    }

    private Process server(String name, int port, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()));
        command.addAll(List.of(extra));
        return start(name, command);
    }

    private Process start(String name, List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
        processes.add(process);
        return process;
    }

    int masterPort() {
        return masterPort;
    }

    int replicaPort() {
        return replicaPort;
    }

    /** The sentinels as config.json lists them. */
    String sentinels() {
        return String.join(",", sentinelPorts.stream().map(port -> "127.0.0.1:" + port).toList());
    }

    /** True when every sentinel knows the replica and the two other sentinels: a failover can be agreed. */
    boolean ready() {
        for (int port : sentinelPorts) {
            try (Jedis sentinel = new Jedis("127.0.0.1", port)) {
                if (sentinel.sentinelReplicas(MASTER_NAME).size() != 1 || sentinel.sentinelSentinels(MASTER_NAME).size() != 2) {
                    return false;
                }
            } catch (RuntimeException notYet) {
                return false;
            }
        }
        return true;
    }

    /** The master as the first sentinel names it. */
    HostAndPort currentMaster() {
        try (Jedis sentinel = new Jedis("127.0.0.1", sentinelPorts.get(0))) {
            List<String> address = sentinel.sentinelGetMasterAddrByName(MASTER_NAME);
            return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
        }
    }

    /** The master dies at once (SIGKILL). */
    void killMaster() throws InterruptedException {
        master.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LocalServers.removeTree(dir);
    }
}
