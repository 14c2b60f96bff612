package org.jphmesh.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code jph-sql report}: per codifier and period, count, min, max, mean and last value, as a table or CSV. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Summarise stored readings per codifier and period.")
final class ReportCommand implements Callable<Integer> {

    private static final List<String> PERIODS = List.of("hour", "day", "week", "month");

    @Spec
    CommandSpec spec;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--from", description = "start, ISO-8601 (2026-11-22T00:00:00Z); default: 24 h ago")
    String from;

    @Option(names = "--to", description = "end (exclusive), ISO-8601; default: now")
    String to;

    @Option(names = "--period", defaultValue = "day", description = "hour, day, week or month (default: ${DEFAULT-VALUE})")
    String period;

    @Option(names = "--codifier", split = ",", description = "only these codifiers, e.g. C1,C2")
    List<String> codifiers;

    @Option(names = "--csv", description = "comma-separated values with a header line")
    boolean csv;

    @Override
    public Integer call() throws Exception {
        String unit = period.toLowerCase(Locale.ROOT);
        if (!PERIODS.contains(unit)) {
            throw new ParameterException(spec.commandLine(), "--period must be hour, day, week or month, not " + period);
        }
        Instant end = instant(to, "--to", Instant.now());
        Instant start = instant(from, "--from", end.minus(Duration.ofDays(1)));
        if (!start.isBefore(end)) {
            throw new ParameterException(spec.commandLine(), "--from must be before --to");
        }
        // The last value by one index lookup per group, not by gathering every value of a month in an array.
        String sql = "WITH g AS (SELECT codifier, date_trunc('" + unit + "', ts, 'UTC') AS bucket, count(value) AS n,"
                + " min(value) AS lo, max(value) AS hi, avg(value) AS mean,"
                + " max(ts) FILTER (WHERE value IS NOT NULL) AS last_ts FROM reading WHERE ts >= ? AND ts < ?"
                + (codifiers == null ? "" : " AND codifier = ANY (?)")
                + " GROUP BY 1, 2)"
                + " SELECT DISTINCT ON (g.codifier, g.bucket) g.codifier, g.bucket, g.n, g.lo, g.hi, g.mean, r.value"
                + " FROM g LEFT JOIN reading r ON r.codifier = g.codifier AND r.ts = g.last_ts AND r.value IS NOT NULL"
                + " ORDER BY g.codifier, g.bucket, r.seq DESC";
        PrintWriter out = spec.commandLine().getOut();
        try (HikariDataSource pool = database.pool(); Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.from(start));
            statement.setTimestamp(2, Timestamp.from(end));
            if (codifiers != null) {
                statement.setArray(3, connection.createArrayOf("text", codifiers.toArray()));
            }
            try (ResultSet rows = statement.executeQuery()) {
                print(out, rows);
            }
        }
        return 0;
    }

    private void print(PrintWriter out, ResultSet rows) throws Exception {
        if (csv) {
            out.println("codifier,period,count,min,max,mean,last");
        } else {
            out.printf("%-4s %-20s %8s %12s %12s %12s %12s%n", "CODE", "PERIOD (UTC)", "COUNT", "MIN", "MAX", "MEAN", "LAST");
        }
        while (rows.next()) {
            String bucket = rows.getTimestamp(2).toInstant().toString();
            Object[] values = {rows.getString(1), bucket, rows.getLong(3), number(rows, 4), number(rows, 5), number(rows, 6),
                    number(rows, 7)};
            if (csv) {
                values[0] = csvText((String) values[0]);
                out.printf(Locale.ROOT, "%s,%s,%d,%s,%s,%s,%s%n", values);
            } else {
                out.printf(Locale.ROOT, "%-4s %-20s %8d %12s %12s %12s %12s%n", values);
            }
        }
        out.flush();
    }

    // A codifier may hold , or " (any printable ASCII): quote it when it does.
    private static String csvText(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String number(ResultSet rows, int column) throws Exception {
        double value = rows.getDouble(column);
        return rows.wasNull() ? "" : String.format(Locale.ROOT, "%.4f", value).replaceAll("\\.?0+$", "");
    }

    private Instant instant(String text, String option, Instant fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ParameterException(spec.commandLine(), option + " must be an ISO-8601 instant like"
                    + " 2026-11-22T00:00:00Z, not " + text);
        }
    }
}
