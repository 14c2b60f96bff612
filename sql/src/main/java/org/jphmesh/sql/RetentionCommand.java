package org.jphmesh.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import org.jphmesh.app.retention.PostgresRetention;
import org.jphmesh.app.retention.Retention;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jph-sql retention [--dry-run]}: applies the collector entry's {@code Sensor.Retention} now, as the
 * collector does daily, or only shows what it would remove.
 */
@Command(name = "retention", mixinStandardHelpOptions = true,
        description = "Remove what is past the collector entry's Sensor.Retention (or, with --dry-run, show what would go).")
final class RetentionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--dry-run", description = "show what would be removed, change nothing")
    boolean dryRun;

    @Option(names = "--batch-rows", defaultValue = "5000", description = "rows per delete (default: ${DEFAULT-VALUE})")
    int batchRows;

    @Option(names = "--at", description = "apply the horizons as at this instant (e.g. 2027-01-01T00:00:00Z) instead of now")
    Instant at;

    @Override
    public Integer call() throws SQLException {
        Retention retention = Retention.fromEntry(database.entry());
        PrintWriter out = spec.commandLine().getOut();
        if (retention.keepsEverything()) {
            out.println("the entry has no Sensor.Retention: everything is kept");
            return 0;
        }
        try (HikariDataSource pool = database.pool()) {
            PostgresRetention postgres = new PostgresRetention(pool, retention, batchRows);
            Instant now = at != null ? at : Instant.now();
            List<String> lines = dryRun ? postgres.preview(now) : postgres.apply(now);
            lines.forEach(line -> out.println((dryRun ? "would " : "") + line));
            if (lines.isEmpty()) {
                out.println(dryRun ? "nothing would be removed" : "nothing was past its horizon");
            }
        }
        return 0;
    }
}
