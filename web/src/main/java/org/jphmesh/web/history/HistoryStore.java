package org.jphmesh.web.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.jphmesh.bus.frame.Codifier;

/**
 * Reads history as the collector stored it: the {@code reading_rollup} buckets for days and weeks, and for
 * ranges up to three hours buckets computed on the fly from {@code reading} ({@code date_bin}, about 600 per
 * range), so a chart never carries more points than a screen has pixels. Every query is parameterised.
 */
public final class HistoryStore {

    static final Duration RAW_RANGE = Duration.ofHours(3);
    static final Duration TEN_MINUTE_RANGE = Duration.ofDays(7);
    static final int RAW_LIMIT = 10_000;
    private static final int TARGET_POINTS = 600;

    private final DataSource pool;

    public HistoryStore(DataSource pool) {
        this.pool = pool;
    }

    public History history(Codifier code, long from, long to, HistoryStep step) throws SQLException {
        HistoryStep chosen = step;
        long range = to - from;
        if (step == HistoryStep.auto) {
            chosen = range <= RAW_RANGE.toMillis() ? HistoryStep.auto
                    : range <= TEN_MINUTE_RANGE.toMillis() ? HistoryStep.tenMinutes : HistoryStep.hour;
        }
        try (Connection connection = pool.getConnection()) {
            return switch (chosen) {
                case raw -> raw(connection, code, from, to);
                case auto -> binned(connection, code, from, to, Math.max(1, range / TARGET_POINTS / 1_000) * 1_000);
                case tenMinutes -> rollup(connection, code, from, to, "10min");
                case hour -> rollup(connection, code, from, to, "hour");
            };
        }
    }

    private static History raw(Connection connection, Codifier code, long from, long to) throws SQLException {
        String sql = "SELECT ts, value FROM reading WHERE codifier = ? AND ts >= ? AND ts < ? AND value IS NOT NULL"
                + " ORDER BY ts DESC LIMIT " + (RAW_LIMIT + 1);
        Columns columns = new Columns();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, code, from, to);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    double value = rows.getDouble(2);
                    columns.add(rows.getTimestamp(1).getTime(), value, value, value);
                }
            }
        }
        boolean truncated = columns.size() > RAW_LIMIT;
        columns.reverseAndCap(RAW_LIMIT);
        return columns.history(code, from, to, "raw", truncated);
    }

    private static History binned(Connection connection, Codifier code, long from, long to, long widthMillis)
            throws SQLException {
        // Buckets aligned to the epoch, not to 'from': the same reading lands in the same bucket on every refresh.
        String sql = "SELECT date_bin(make_interval(secs => ?), ts, TIMESTAMPTZ 'epoch') AS bucket, avg(value), min(value), max(value)"
                + " FROM reading WHERE codifier = ? AND ts >= ? AND ts < ? AND value IS NOT NULL"
                + " GROUP BY bucket ORDER BY bucket";
        Columns columns = new Columns();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, widthMillis / 1000.0);
            statement.setString(2, code.value());
            statement.setTimestamp(3, new Timestamp(from));
            statement.setTimestamp(4, new Timestamp(to));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getTimestamp(1).getTime(), rows.getDouble(2), rows.getDouble(3), rows.getDouble(4));
                }
            }
        }
        return columns.history(code, from, to, (widthMillis / 1000) + "s", false);
    }

    private static History rollup(Connection connection, Codifier code, long from, long to, String period)
            throws SQLException {
        String sql = "SELECT bucket, mean, min, max FROM reading_rollup WHERE codifier = ? AND period = '" + period
                + "' AND bucket >= ? AND bucket < ? ORDER BY bucket";
        Columns columns = new Columns();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, code, from, to);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    columns.add(rows.getTimestamp(1).getTime(), nullable(rows, 2), nullable(rows, 3), nullable(rows, 4));
                }
            }
        }
        return columns.history(code, from, to, period, false);
    }

    private static Double nullable(ResultSet rows, int column) throws SQLException {
        double value = rows.getDouble(column);
        return rows.wasNull() ? null : value;
    }

    private static void bind(PreparedStatement statement, Codifier code, long from, long to) throws SQLException {
        statement.setString(1, code.value());
        statement.setTimestamp(2, new Timestamp(from));
        statement.setTimestamp(3, new Timestamp(to));
    }

    /** Seconds between a reading's send time and its storage, the worst over the last minute; null when none. */
    public Double ingestLagSeconds() throws SQLException {
        String sql = "SELECT extract(epoch FROM max(received_at - ts)) FROM reading"
                + " WHERE ts > now() - interval '5 minutes' AND received_at > now() - interval '1 minute'";
        try (Connection connection = pool.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql);
             ResultSet rows = statement.executeQuery()) {
            return rows.next() ? nullable(rows, 1) : null;
        }
    }

    private static final class Columns {
        private final List<Long> t = new ArrayList<>();
        private final List<Double> mean = new ArrayList<>();
        private final List<Double> min = new ArrayList<>();
        private final List<Double> max = new ArrayList<>();

        void add(long time, Double meanValue, Double minValue, Double maxValue) {
            t.add(time);
            mean.add(meanValue);
            min.add(minValue);
            max.add(maxValue);
        }

        int size() {
            return t.size();
        }

        // Raw rows come newest first so the limit keeps the latest; charts want them oldest first.
        void reverseAndCap(int limit) {
            while (t.size() > limit) {
                int last = t.size() - 1;
                t.remove(last);
                mean.remove(last);
                min.remove(last);
                max.remove(last);
            }
            Collections.reverse(t);
            Collections.reverse(mean);
            Collections.reverse(min);
            Collections.reverse(max);
        }

        History history(Codifier code, long from, long to, String step, boolean truncated) {
            return new History(code.value(), from, to, step, t, mean, min, max, truncated);
        }
    }
}
