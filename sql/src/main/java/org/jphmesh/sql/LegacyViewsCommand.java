package org.jphmesh.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.DataType;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jph-sql legacy-views}: for every codifier, the views the legacy reports read, over the new tables:
 * {@code sensor_xx (timestamp, value)} with the value typed by the entry's {@code DataType}, and
 * {@code sensor_xx_10min} / {@code sensor_xx_hour (timestamp, mean, mode, median, max, min, stdev)} over the
 * rollups (timestamp = the end of the window, as the legacy tables had it; mode is not kept, so null).
 */
@Command(name = "legacy-views", mixinStandardHelpOptions = true,
        description = "Create sensor_xx views so the legacy SQL reports keep working.")
final class LegacyViewsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--types-from", description = "config.json whose DataType types the views (default: the -u config, if present)")
    String typesFrom;

    @Override
    public Integer call() throws Exception {
        MeshConfig config = types();
        int made = 0;
        try (HikariDataSource pool = database.pool(); Connection connection = pool.getConnection();
             Statement statement = connection.createStatement()) {
            for (String codifier : codifiers(statement)) {
                if (!codifier.matches("[A-Za-z0-9]{2}")) {
                    spec.commandLine().getErr().printf("jph-sql: skipped %s: a legacy table name cannot hold it%n", codifier);
                    continue;
                }
                String table = "sensor_" + codifier.toLowerCase(Locale.ROOT);
                String literal = "'" + codifier + "'";
                statement.execute("CREATE OR REPLACE VIEW " + table + " AS SELECT (extract(epoch FROM ts) * 1000)::bigint"
                        + " AS \"timestamp\", " + typed(config, codifier) + " AS value FROM reading WHERE codifier = " + literal);
                for (String period : List.of("10min", "hour")) {
                    String width = period.equals("10min") ? "10 minutes" : "1 hour";
                    statement.execute("CREATE OR REPLACE VIEW " + table + "_" + period + " AS SELECT"
                            + " (extract(epoch FROM bucket + interval '" + width + "') * 1000)::bigint AS \"timestamp\","
                            + " mean, NULL::double precision AS mode, median, max, min, stddev AS stdev FROM reading_rollup"
                            + " WHERE codifier = " + literal + " AND period = '" + period + "'");
                }
                made++;
            }
        }
        spec.commandLine().getOut().printf("legacy views for %d codifiers%n", made);
        return 0;
    }

    private MeshConfig types() {
        String location = typesFrom != null ? typesFrom : database.config;
        try {
            return location == null ? null : ConfigLoader.load(location);
        } catch (RuntimeException e) {
            if (typesFrom != null) {
                throw e;
            }
            return null;
        }
    }

    private static String typed(MeshConfig config, String codifier) {
        DataType type = config == null ? DataType.FLOAT : config.sensors().stream()
                .filter(s -> s.codifier().equals(codifier)).map(SensorConfig::dataType).findFirst().orElse(DataType.FLOAT);
        return switch (type) {
            case INTEGER -> "value::bigint";
            case BOOL -> "(value <> 0)";
            default -> "value";
        };
    }

    private static List<String> codifiers(Statement statement) throws Exception {
        List<String> codifiers = new ArrayList<>();
        try (ResultSet rows = statement.executeQuery("SELECT DISTINCT codifier FROM reading ORDER BY 1")) {
            while (rows.next()) {
                codifiers.add(rows.getString(1));
            }
        }
        return codifiers;
    }
}
