package org.jphmesh.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import org.jphmesh.app.store.SqlPool;
import org.jphmesh.app.store.SqlSettings;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SecretFile;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import picocli.CommandLine.Option;

/**
 * Where the database is, for every subcommand: {@code --url} (with {@code --user}, {@code --password-file}),
 * or the {@code Sensor.SQL} block of a config entry ({@code -u config.json -c Q1}; by default the first
 * {@code jphPostgreSQL} entry), as the legacy tools found it.
 */
final class DatabaseOptions {

    @Option(names = "--url", defaultValue = "${JPH_DB_URL}", description = "JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/jph")
    String url;

    @Option(names = "--user", defaultValue = "${JPH_DB_USER:-postgres}", description = "database user (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password-file", description = "file holding the database password")
    String passwordFile;

    @Option(names = {"-u", "--config"}, defaultValue = "${JPH_CONFIG:-config.json}",
            description = "config.json whose entry names the database (default: ${DEFAULT-VALUE})")
    String config;

    @Option(names = {"-c", "--code"}, description = "the entry with the Sensor.SQL block (default: the first jphPostgreSQL or Collector entry that has one)")
    String code;

    private static boolean storesReadings(SensorConfig entry) {
        return "jphPostgreSQL".equals(entry.type()) || "Collector".equals(entry.type()) && entry.sensor().has("SQL");
    }

    /** The tool's pool: two connections are plenty for one command. */
    HikariDataSource pool() {
        return SqlPool.open(settings(), "jph-sql", 2, 2, Duration.ofSeconds(5));
    }

    SqlSettings settings() {
        if (url != null) {
            String password = passwordFile == null ? null : SecretFile.firstLine(passwordFile, "--password-file");
            return new SqlSettings(url, user, password);
        }
        return SqlSettings.fromEntry(entry());
    }

    /** The collector entry named by {@code -c}, or the first that stores readings. */
    SensorConfig entry() {
        MeshConfig mesh = ConfigLoader.load(config);
        return code != null
                ? mesh.sensor(Codifier.of(code)).orElseThrow(() -> new ConfigException("codifier " + code + " has no entry in " + config))
                : mesh.sensors().stream().filter(DatabaseOptions::storesReadings).findFirst()
                        .orElseThrow(() -> new ConfigException((url == null ? "no --url given and " : "") + config
                                + " has no jphPostgreSQL or Collector entry with a Sensor.SQL block"));
    }
}
