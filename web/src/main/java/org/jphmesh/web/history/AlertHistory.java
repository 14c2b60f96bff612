package org.jphmesh.web.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.bus.frame.Codifier;

/**
 * An alert rule's changes, from the readings the collector stored for the rule's codifier: a rule sends its state
 * on every change and every interval, so the history is the rows where the state, the acknowledgement or the
 * silence differs from the row before. Rows are read newest first through a cursor and the reading stops once
 * {@code limit} changes are found or {@value #MAX_ROWS} rows were read, so a long quiet week costs one bounded scan.
 */
public final class AlertHistory {

    static final int MAX_ROWS = 100_000;
    private static final int FETCH = 500;

    private final DataSource pool;

    public AlertHistory(DataSource pool) {
        this.pool = pool;
    }

    public AlertTransitions transitions(Codifier code, long from, long to, int limit) throws SQLException {
        String sql = "SELECT ts, payload FROM reading WHERE codifier = ? AND ts >= ? AND ts < ? AND kind = 'j'"
                + " ORDER BY ts DESC, seq DESC LIMIT " + MAX_ROWS;
        List<AlertTransition> changes = new ArrayList<>();
        boolean truncated = false;
        try (Connection connection = pool.getConnection()) {
            // PostgreSQL streams rows through a cursor only inside a transaction; the pool restores autocommit.
            connection.setAutoCommit(false);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH);
                statement.setString(1, code.value());
                statement.setTimestamp(2, new Timestamp(from));
                statement.setTimestamp(3, new Timestamp(to));
                try (ResultSet rows = statement.executeQuery()) {
                    Run run = null;
                    int read = 0;
                    while (rows.next()) {
                        read++;
                        Optional<AlertStatus> parsed = AlertStatus.parse(rows.getString(2));
                        if (parsed.isEmpty()) {
                            continue;
                        }
                        AlertTransition row = new AlertTransition(rows.getTimestamp(1).getTime(), parsed.get());
                        if (run == null) {
                            run = new Run(row);
                        } else if (run.sameAs(row.alert())) {
                            run.first = row;
                        } else {
                            changes.add(run.first);
                            if (changes.size() == limit) {
                                // Older changes exist than were asked for.
                                truncated = true;
                                run = null;
                                break;
                            }
                            run = new Run(row);
                        }
                    }
                    if (run != null) {
                        // The oldest run in the range: its first row here is a change, or the edge of the range.
                        changes.add(run.first);
                    }
                    truncated |= read >= MAX_ROWS;
                }
            } finally {
                connection.rollback();
            }
        }
        return new AlertTransitions(code.value(), from, to, changes, truncated);
    }

    /** Consecutive rows in one state; {@code first} is the oldest of them read so far (rows come newest first). */
    private static final class Run {
        AlertTransition first;

        Run(AlertTransition row) {
            this.first = row;
        }

        // The message changes with the values a rule sees; a change of state, ack or silence is what people look for.
        boolean sameAs(AlertStatus other) {
            AlertStatus mine = first.alert();
            return mine.state() == other.state() && mine.since() == other.since()
                    && mine.acknowledged() == other.acknowledged() && mine.silencedUntil() == other.silencedUntil()
                    && Objects.equals(mine.severity(), other.severity());
        }
    }
}
