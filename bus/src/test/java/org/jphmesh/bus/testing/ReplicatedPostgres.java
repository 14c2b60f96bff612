package org.jphmesh.bus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A PostgreSQL primary and a streaming replica of it, made with the installed server's initdb, pg_ctl and
 * pg_basebackup in a temporary folder, on free loopback ports, removed again by {@link #close()}. Commits wait for
 * the replica (synchronous replication), so a promotion loses nothing that was acknowledged. PostgreSQL refuses to
 * run as root: as root the commands run as the {@code postgres} user.
 */
public final class ReplicatedPostgres implements AutoCloseable {

    private static final Path INSTALLED = Path.of("/usr/lib/postgresql");

    private final Path bin;
    private final Path dir;
    private final Path log;
    private final List<String> asServerUser;
    private final int primaryPort = LocalServers.freePort();
    private final int replicaPort = LocalServers.freePort();
    private boolean primaryRunning;
    private boolean replicaRunning;

    /** Why a cluster cannot be made here, or empty. */
    public static Optional<String> unavailable() {
        if (binaries().isEmpty()) {
            return Optional.of("no PostgreSQL server under " + INSTALLED + " (apt-get install postgresql, as ./jph test does)");
        }
        if (isRoot() && !userExists()) {
            return Optional.of("running as root without a postgres user to run the server as");
        }
        return Optional.empty();
    }

    public ReplicatedPostgres() throws IOException {
        this.bin = binaries().orElseThrow();
        this.asServerUser = isRoot() ? List.of("runuser", "-u", "postgres", "--") : List.of();
        this.dir = Files.createTempDirectory("jph-pg-failover-");
        this.log = dir.resolve("servers.log");
        Files.createFile(log);
        if (isRoot()) {
            LocalServers.run(log, List.of("chown", "-R", "postgres:", dir.toString()));
        }
        try {
            start();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private void start() {
        Path primary = dir.resolve("primary");
        pg("initdb", "-D", primary.toString(), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8");
        configure(primary, primaryPort, "synchronous_standby_names = '*'");
        pg("pg_ctl", "-D", primary.toString(), "-l", dir.resolve("primary.log").toString(), "-w", "start");
        primaryRunning = true;
        Path replica = dir.resolve("replica");
        pg("pg_basebackup", "-h", "127.0.0.1", "-p", String.valueOf(primaryPort), "-U", "postgres", "-D", replica.toString(),
                "-R", "-X", "stream", "--no-sync");
        // Once promoted it has no replica of its own: it must not wait for one.
        configure(replica, replicaPort, "synchronous_standby_names = ''");
        pg("pg_ctl", "-D", replica.toString(), "-l", dir.resolve("replica.log").toString(), "-w", "start");
        replicaRunning = true;
    }

    private void configure(Path data, int port, String extra) {
        String settings = String.join("\n", "", "port = " + port, "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = '" + dir + "'", "wal_level = replica", "max_wal_senders = 5", "fsync = off",
                "hot_standby = on", extra, "");
        try {
            Files.writeString(data.resolve("postgresql.conf"), settings, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void pg(String program, String... args) {
        LocalServers.run(log, LocalServers.prefixed(asServerUser, LocalServers.prefixed(List.of(bin.resolve(program).toString()), args)
                .toArray(String[]::new)));
    }

    public int primaryPort() {
        return primaryPort;
    }

    public int replicaPort() {
        return replicaPort;
    }

    /** The replica's state as the primary sees it: {@code sync} once it confirms every commit. */
    public String replicaSyncState() throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + primaryPort + "/postgres", "postgres", null);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT sync_state FROM pg_stat_replication")) {
            return row.next() ? row.getString(1) : "none";
        }
    }

    /** Runs {@code sql} on the primary's {@code database}. */
    public void execute(String database, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + primaryPort + "/" + database,
                "postgres", null); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The primary dies as in a crash: no shutdown checkpoint, connections cut. */
    public void crashPrimary() {
        pg("pg_ctl", "-D", dir.resolve("primary").toString(), "-m", "immediate", "-w", "stop");
        primaryRunning = false;
    }

    /** Makes the replica the primary (what Patroni or repmgr do after a failure), waiting until it takes writes. */
    public void promoteReplica() {
        pg("pg_ctl", "-D", dir.resolve("replica").toString(), "-w", "promote");
    }

    @Override
    public void close() {
        if (replicaRunning) {
            stopQuietly("replica");
        }
        if (primaryRunning) {
            stopQuietly("primary");
        }
        LocalServers.removeTree(dir);
    }

    private void stopQuietly(String server) {
        try {
            pg("pg_ctl", "-D", dir.resolve(server).toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            System.out.println("stopping the test's " + server + ": " + e.getMessage());
        }
    }

    private static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(INSTALLED)) {
            return versions.map(version -> version.resolve("bin")).filter(path -> Files.isExecutable(path.resolve("initdb")))
                    .max(Comparator.comparing(path -> Integer.parseInt(path.getParent().getFileName().toString().replaceAll("\\D", "0"))));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static boolean userExists() {
        try {
            return Files.readAllLines(Path.of("/etc/passwd")).stream().anyMatch(line -> line.startsWith("postgres:"));
        } catch (IOException e) {
            return false;
        }
    }
}
