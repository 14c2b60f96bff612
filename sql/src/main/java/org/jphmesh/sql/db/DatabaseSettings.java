package org.jphmesh.sql.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Objects;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.SensorConfig;

/**
 * Where the database is: a JDBC URL, a user and a password (read from a file, never written in
 * config.json). Built from a legacy entry's {@code Sensor.SQL} block ({@code Database}, {@code User},
 * {@code Password} naming a password file, {@code Host}, optional {@code Port}) or given directly.
 */
public record DatabaseSettings(String url, String user, String password) {

    public DatabaseSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new ConfigException("the database URL must start with jdbc:postgresql://, not " + url);
        }
    }

    /** From an entry's {@code Sensor.SQL} block, as the legacy jphPostgreSQL, Flask and jphCalcHistory entries have it. */
    public static DatabaseSettings fromEntry(SensorConfig entry) {
        JsonNode sql = entry.sensor().get("SQL");
        String label = "Sensors (" + entry.codifier() + ").Sensor.SQL";
        if (sql == null || !sql.isObject()) {
            throw new ConfigException(label + " is missing: {\"Database\": .., \"User\": .., \"Password\": \"~/.sqlpassword\", \"Host\": ..}");
        }
        String database = required(sql, "Database", label);
        String host = sql.path("Host").asText("127.0.0.1");
        int port = sql.path("Port").asInt(5432);
        String user = required(sql, "User", label);
        String password = sql.hasNonNull("Password") ? readPassword(sql.get("Password").asText(), label) : null;
        return new DatabaseSettings("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }

    /** Reads a password file (first line, trimmed), {@code ~} expanded, as the legacy tools did. */
    public static String readPassword(String file, String label) {
        try {
            return Files.readString(ConfigSource.expandHome(file), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new ConfigException(label + ".Password names the password file " + file + ", which cannot be read: "
                    + e.getMessage());
        }
    }

    /** A small pool: the mesh's programs each need a few connections, not dozens. */
    public HikariDataSource pool(String name, int maximumSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(maximumSize);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(5_000);
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static String required(JsonNode sql, String key, String label) {
        JsonNode value = sql.get(key);
        if (value == null || value.asText().isBlank()) {
            throw new ConfigException(label + "." + key + " is missing");
        }
        return value.asText();
    }

    @Override
    public String toString() {
        return "DatabaseSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
