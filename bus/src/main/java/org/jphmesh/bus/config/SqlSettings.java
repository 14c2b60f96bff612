package org.jphmesh.bus.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Objects;

/**
 * Where the PostgreSQL database is: a JDBC URL, a user and a password (read from a file, never written in
 * config.json). Built from an entry's {@code Sensor.SQL} block, as the legacy jphPostgreSQL, Flask and
 * jphCalcHistory entries have it ({@code Database}, {@code User}, {@code Password} naming a password file,
 * {@code Host}, optional {@code Port}), or given directly.
 */
public record SqlSettings(String url, String user, String password) {

    public SqlSettings {
        Objects.requireNonNull(url, "url");
        if (!url.startsWith("jdbc:postgresql://")) {
            throw new ConfigException("the database URL must start with jdbc:postgresql://, not " + url);
        }
    }

    public static SqlSettings fromEntry(SensorConfig entry) {
        JsonNode sql = entry.sensor().get("SQL");
        String label = "Sensors (" + entry.codifier() + ").Sensor.SQL";
        if (sql == null || !sql.isObject()) {
            throw new ConfigException(label + " is missing: {\"Database\": .., \"User\": .., \"Password\": \"~/.sqlpassword\","
                    + " \"Host\": ..}");
        }
        String database = required(sql, "Database", label);
        String host = sql.path("Host").asText("127.0.0.1");
        // Both go into a JDBC URL: a name like "jph?socketFactory=..." must not smuggle in driver options.
        if (!database.matches("[A-Za-z0-9_.$-]+")) {
            throw new ConfigException(label + ".Database must be a plain database name, not '" + database + "'");
        }
        if (!host.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+]")) {
            throw new ConfigException(label + ".Host must be a host name or address, not '" + host + "'");
        }
        int port = sql.path("Port").asInt(5432);
        String user = required(sql, "User", label);
        String password = sql.hasNonNull("Password") ? readPassword(sql.get("Password").asText(), label + ".Password") : null;
        return new SqlSettings("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }

    /** The first line of a password file, trimmed, with {@code ~} expanded as the legacy tools did. */
    public static String readPassword(String file, String key) {
        try {
            return Files.readString(ConfigSource.expandHome(file), StandardCharsets.UTF_8).lines().findFirst().orElse("").strip();
        } catch (IOException e) {
            throw new ConfigException(key + " names the password file " + file + ", which cannot be read: " + e.getMessage());
        }
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
        return "SqlSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
