package org.jphmesh.app.store;

import java.util.Objects;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SecretFile;
import org.jphmesh.bus.config.SensorConfig;

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
        String label = "Sensors (" + entry.codifier() + ").Sensor.SQL";
        if (!entry.sensor().path("SQL").isObject()) {
            throw new ConfigException(label + " is missing: {\"Database\": .., \"User\": .., \"Password\": \"~/.sqlpassword\","
                    + " \"Host\": ..}");
        }
        ConfigBlock sql = ConfigBlock.of(entry).child("SQL");
        String database = required(sql, "Database");
        String host = sql.text("Host", "127.0.0.1");
        // Both go into a JDBC URL: a name like "jph?socketFactory=..." must not smuggle in driver options.
        if (!database.matches("[A-Za-z0-9_.$-]+")) {
            throw new ConfigException(label + ".Database must be a plain database name, not '" + database + "'");
        }
        if (!host.matches("[A-Za-z0-9.\\-]+|\\[[0-9A-Fa-f:.]+]")) {
            throw new ConfigException(label + ".Host must be a host name or address, not '" + host + "'");
        }
        int port = sql.port("Port", 5432);
        String user = required(sql, "User");
        String password = sql.optionalText("Password").map(file -> SecretFile.firstLine(file, label + ".Password")).orElse(null);
        return new SqlSettings("jdbc:postgresql://" + host + ":" + port + "/" + database, user, password);
    }

    private static String required(ConfigBlock sql, String key) {
        String value = sql.text(key);
        if (value.isBlank()) {
            throw new ConfigException(sql.label() + "." + key + " is missing");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SqlSettings[url=" + url + ", user=" + user + ", password=" + (password == null ? "none" : "****") + "]";
    }
}
