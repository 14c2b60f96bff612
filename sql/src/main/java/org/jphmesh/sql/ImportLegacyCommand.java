package org.jphmesh.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jphmesh.app.store.SqlSettings;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SecretFile;
import org.jphmesh.bus.config.SensorConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jph-sql import-legacy}: copies every {@code Sensor_XX} table of a legacy database into
 * {@code reading}. Legacy rows have no sequence; each becomes sequence 0 at its timestamp. A row whose codifier
 * and timestamp are already stored is skipped and counted: importing twice stores nothing twice, and neither
 * does importing after the Java collector recorded the same readings live (with their real sequence numbers)
 * while both ran side by side. The codifier's case, which PostgreSQL folded away, comes from the config when it
 * lists the codifier, else upper case.
 */
@Command(name = "import-legacy", mixinStandardHelpOptions = true,
        description = "Copy a legacy database's Sensor_XX tables into the new schema.")
final class ImportLegacyCommand implements Callable<Integer> {

    private static final int BATCH = 5_000;
    private static final String ROLLUP = "INSERT INTO reading_rollup (codifier, period, bucket, count, mean, min, max,"
            + " median, stddev) SELECT codifier, p.period, to_timestamp(floor(extract(epoch FROM ts) / p.seconds) * p.seconds)"
            + " AS bucket, count(value), avg(value), min(value), max(value), percentile_cont(0.5) WITHIN GROUP (ORDER BY value),"
            + " stddev_samp(value) FROM reading, (VALUES ('10min', 600), ('hour', 3600)) AS p (period, seconds)"
            + " WHERE codifier = ? AND value IS NOT NULL GROUP BY codifier, p.period, bucket"
            + " ON CONFLICT (codifier, period, bucket) DO UPDATE SET count = EXCLUDED.count, mean = EXCLUDED.mean,"
            + " min = EXCLUDED.min, max = EXCLUDED.max, median = EXCLUDED.median, stddev = EXCLUDED.stddev";

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--from-url", required = true, description = "the legacy database, e.g. jdbc:postgresql://oldpi/sensors")
    String fromUrl;

    @Option(names = "--from-user", defaultValue = "postgres", description = "its user (default: ${DEFAULT-VALUE})")
    String fromUser;

    @Option(names = "--from-password-file", description = "file holding its password")
    String fromPasswordFile;

    @Override
    public Integer call() throws Exception {
        SqlSettings source = new SqlSettings(fromUrl, fromUser,
                fromPasswordFile == null ? null : SecretFile.firstLine(fromPasswordFile, "--from-password-file"));
        MeshConfig config = config();
        long imported = 0;
        long already = 0;
        try (Connection legacy = DriverManager.getConnection(source.url(), source.user(), source.password());
             HikariDataSource pool = database.pool(); Connection target = pool.getConnection()) {
            target.setAutoCommit(false);
            for (String table : sensorTables(legacy)) {
                String codifier = codifier(config, table.substring("sensor_".length()));
                long[] counts = copy(legacy, target, table, codifier);
                imported += counts[0];
                already += counts[1];
                spec.commandLine().getOut().printf("%s -> %s: %d rows, %d already there%s%n", table, codifier, counts[0],
                        counts[1], counts[2] == 0 ? "" : ", " + counts[2] + " without a usable value skipped");
                if (counts[0] > 0) {
                    spec.commandLine().getOut().printf("%s: %d rollup buckets recomputed%n", codifier, rollUp(target, codifier));
                }
            }
        }
        spec.commandLine().getOut().printf("imported %d readings (%d were already there)%n", imported, already);
        return 0;
    }

    private MeshConfig config() {
        try {
            return database.config == null ? null : ConfigLoader.load(database.config);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static List<String> sensorTables(Connection legacy) throws Exception {
        List<String> tables = new ArrayList<>();
        try (Statement statement = legacy.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'"
                        + " AND table_name ~ '^sensor_[a-z0-9]{2}$' ORDER BY 1")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    private static String codifier(MeshConfig config, String folded) {
        if (config != null) {
            for (SensorConfig entry : config.sensors()) {
                if (entry.codifier().toLowerCase(Locale.ROOT).equals(folded)) {
                    return entry.codifier();
                }
            }
        }
        return folded.toUpperCase(Locale.ROOT);
    }

    private static long[] copy(Connection legacy, Connection target, String table, String codifier) throws Exception {
        long inserted = 0;
        long seen = 0;
        long skipped = 0;
        legacy.setAutoCommit(false);
        try (Statement read = legacy.createStatement()) {
            read.setFetchSize(BATCH);
            try (ResultSet rows = read.executeQuery("SELECT \"timestamp\", \"value\"::text FROM " + table + " ORDER BY 1");
                 // The same reading stored live has its own sequence number, so the key alone would not see it.
                 PreparedStatement write = target.prepareStatement("INSERT INTO reading (codifier, ts, seq, kind, value)"
                         + " SELECT ?, to_timestamp(? / 1000.0), 0, ?, ? WHERE NOT EXISTS (SELECT 1 FROM reading"
                         + " WHERE codifier = ? AND ts = to_timestamp(? / 1000.0)) ON CONFLICT DO NOTHING")) {
                int pending = 0;
                while (rows.next()) {
                    String text = rows.getString(2);
                    boolean bool = "true".equals(text) || "false".equals(text);
                    if (text == null || (!bool && !isNumber(text))) {
                        // A legacy row without a usable value is reported, not allowed to abort the import.
                        skipped++;
                        continue;
                    }
                    write.setString(1, codifier);
                    write.setLong(2, rows.getLong(1));
                    write.setString(3, bool ? "i" : "f");
                    write.setDouble(4, bool ? ("true".equals(text) ? 1 : 0) : Double.parseDouble(text));
                    write.setString(5, codifier);
                    write.setLong(6, rows.getLong(1));
                    write.addBatch();
                    seen++;
                    if (++pending == BATCH) {
                        inserted += sum(write.executeBatch());
                        target.commit();
                        pending = 0;
                    }
                }
                inserted += sum(write.executeBatch());
                target.commit();
            }
        }
        legacy.commit();
        return new long[] {inserted, seen - inserted, skipped};
    }

    // The collector rolls up only what it stores itself; the charts over 3 hours and the _10min/_hour views read these.
    private static int rollUp(Connection target, String codifier) throws Exception {
        try (PreparedStatement rollup = target.prepareStatement(ROLLUP)) {
            rollup.setString(1, codifier);
            int buckets = rollup.executeUpdate();
            target.commit();
            return buckets;
        }
    }

    private static boolean isNumber(String text) {
        try {
            Double.parseDouble(text);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static long sum(int[] counts) {
        long total = 0;
        for (int count : counts) {
            total += Math.max(count, 0);
        }
        return total;
    }
}
