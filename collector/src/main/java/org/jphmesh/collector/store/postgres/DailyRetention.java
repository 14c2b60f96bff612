package org.jphmesh.collector.store.postgres;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jphmesh.app.retention.PostgresRetention;

/**
 * Runs retention once a day on the collector's summaries thread, after its rollups are refreshed, so what it
 * removes is already summed up and the ingest threads never wait for it. A run that fails is tried again on the
 * next call rather than a day later.
 */
public final class DailyRetention {

    private static final Duration DAY = Duration.ofDays(1);

    private final PostgresRetention retention;
    private final Clock clock;
    private Instant lastRun;

    public DailyRetention(PostgresRetention retention, Clock clock) {
        this.retention = retention;
        this.clock = clock;
    }

    /** Applies retention when a day has passed since the last run that completed (or none has). */
    public void runIfDue() throws SQLException {
        Instant now = clock.instant();
        if (lastRun != null && Duration.between(lastRun, now).compareTo(DAY) < 0) {
            return;
        }
        retention.apply(now);
        lastRun = now;
    }
}
