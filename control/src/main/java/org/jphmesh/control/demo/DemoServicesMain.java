package org.jphmesh.control.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.jphmesh.bus.config.ConfigBlock;

/**
 * {@code java -jar jph-demo.jar CONFIG CACHE_DIR}: makes sure the demo's PostgreSQL, Redis and MQTT broker
 * answer where config.json says. A service that answers is used as it is; one that does not is started
 * embedded, on loopback at that port, keeping what it keeps under CACHE_DIR. Says which it chose, prints
 * {@code ready} once all answer, and stops what it started when it is stopped (SIGTERM, Ctrl-C).
 */
public final class DemoServicesMain {

    private DemoServicesMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: java -jar jph-demo.jar CONFIG CACHE_DIR");
            System.exit(2);
        }
        JsonNode sensors = new ObjectMapper().readTree(Files.readString(Path.of(args[0]))).path("Sensors");
        EmbeddedServices embedded = new EmbeddedServices(Files.createDirectories(Path.of(args[1])));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            embedded.close();
            stopped.countDown();
        }, "demo-services-stop"));
        try {
            Optional<ConfigBlock> sql = block(sensors, "SQL");
            if (sql.isPresent()) {
                Endpoint postgres = new Endpoint("PostgreSQL", sql.get().text("Host", "127.0.0.1"),
                        sql.get().port("Port", 5432));
                ensure(postgres, () -> embedded.postgres(postgres));
                createDatabase(postgres, sql.get().text("Database"), sql.get().text("User", "postgres"));
            }
            Optional<ConfigBlock> redis = block(sensors, "Redis");
            if (redis.isPresent()) {
                Endpoint at = new Endpoint("Redis", redis.get().text("Host", "127.0.0.1"), redis.get().port("Port", 6379));
                ensure(at, () -> embedded.redis(at));
            }
            Optional<ConfigBlock> mqtt = block(sensors, "Mqtt");
            if (mqtt.isPresent()) {
                URI url = URI.create(mqtt.get().text("Url", "tcp://127.0.0.1:1883"));
                Endpoint at = new Endpoint("MQTT broker", url.getHost(), url.getPort() < 0 ? 1883 : url.getPort());
                ensure(at, () -> embedded.mqtt(at));
            }
        } catch (Exception e) {
            System.out.println("failed: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("ready");
        stopped.await();
    }

    /** The first entry's {@code Sensor.<name>} block, in file order (the collector's SQL, the dashboard's Mqtt). */
    private static Optional<ConfigBlock> block(JsonNode sensors, String name) {
        for (JsonNode entry : sensors) {
            JsonNode block = entry.path("Sensor").path(name);
            if (block.isObject()) {
                return Optional.of(ConfigBlock.of(block, "Sensors (" + entry.path("Codifier").asText() + ").Sensor." + name));
            }
        }
        return Optional.empty();
    }

    private interface Starter {
        void start() throws Exception;
    }

    private static void ensure(Endpoint at, Starter starter) throws Exception {
        if (at.answers()) {
            System.out.println("using the " + at + " (it answers)");
            return;
        }
        Predicate<String> loopback = host -> host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
        if (!loopback.test(at.host())) {
            throw new IllegalStateException("nothing answers as " + at + ", and the demo only starts services on loopback");
        }
        System.out.println("nothing answers as " + at + ": starting an embedded one there (first start unpacks it)");
        starter.start();
        if (!at.answers()) {
            throw new IllegalStateException("the embedded " + at.service() + " does not answer at " + at.host() + ":" + at.port());
        }
    }

    // The demo's database on a server that has never seen the demo; identifiers are checked, never quoted in blindly.
    private static void createDatabase(Endpoint at, String database, String user) throws Exception {
        if (!database.matches("[A-Za-z0-9_]+")) {
            throw new IllegalStateException("the demo database name must be letters, digits and _: " + database);
        }
        try (Connection connection = DriverManager.getConnection(
                "jdbc:postgresql://" + at.host() + ":" + at.port() + "/postgres", user, null);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet found = exists.executeQuery()) {
                if (!found.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("CREATE DATABASE " + database);
                    }
                    System.out.println("created the database " + database);
                }
            }
        }
    }
}
