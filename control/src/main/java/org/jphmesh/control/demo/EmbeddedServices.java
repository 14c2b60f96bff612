package org.jphmesh.control.demo;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Properties;
import redis.embedded.RedisServer;

/**
 * The services the demo starts itself when none answers where config.json says: PostgreSQL (Zonky's
 * binaries from Maven Central), Redis (the binaries packed in embedded-redis) and the Moquette MQTT broker,
 * each on loopback at the configured port. PostgreSQL keeps its unpacked binaries and its data in the
 * demo's cache folder, so a later run starts in a second and still has the history of the earlier ones.
 */
final class EmbeddedServices implements AutoCloseable {

    private final Path dataDir;
    private final List<AutoCloseable> running = new ArrayList<>();

    EmbeddedServices(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    void postgres(Endpoint at) throws IOException {
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(at.port())
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dataDir.resolve("postgres-binaries").toFile())
                .start();
        running.add(postgres);
    }

    void redis(Endpoint at) throws IOException {
        Deque<String> lastLines = new ArrayDeque<>();
        RedisServer redis = RedisServer.newRedisServer()
                .port(at.port())
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .setting("dir " + dataDir)
                .soutListener(line -> remember(lastLines, line))
                .serrListener(line -> remember(lastLines, line))
                .build();
        try {
            redis.start();
        } catch (IOException e) {
            // Its own words say why (a port taken, a folder missing); the library's message does not.
            throw new IOException(e.getMessage() + ": " + String.join(" | ", lastLines), e);
        }
        running.add(redis::stop);
    }

    void mqtt(Endpoint at) throws IOException {
        Properties settings = new Properties();
        settings.setProperty("host", "127.0.0.1");
        settings.setProperty("port", String.valueOf(at.port()));
        settings.setProperty("allow_anonymous", "true");
        settings.setProperty("telemetry_enabled", "false");
        settings.setProperty("persistence_enabled", "false");
        settings.setProperty("websocket_port", "disabled");
        settings.setProperty("data_path", dataDir.resolve("moquette").toString());
        Server broker = new Server();
        broker.startServer(new MemoryConfig(settings));
        running.add(broker::stopServer);
    }

    private static synchronized void remember(Deque<String> lines, String line) {
        lines.addLast(line);
        if (lines.size() > 5) {
            lines.removeFirst();
        }
    }

    @Override
    public void close() {
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                System.err.println("demo: stopping a service failed: " + e.getMessage());
            }
        }
        running.clear();
    }
}
