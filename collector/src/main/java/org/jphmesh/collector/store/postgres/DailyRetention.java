package org.jphmesh.collector.store.postgres;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jphmesh.app.retention.PostgresRetention;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs retention once a day on the collector's summaries thread, after its rollups are refreshed, so what it
 * removes is already summed up and the ingest threads never wait for it. A run that fails is logged and tried
 * again an hour later: soon enough after an outage, rarely enough not to flood the log with a lasting error
 * (a user not allowed to drop partitions).
 */
public final class DailyRetention {

    private static final Logger LOG = LoggerFactory.getLogger(DailyRetention.class);
    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration RETRY = Duration.ofHours(1);

    private final PostgresRetention retention;
    private final Clock clock;
    private final String owner;
    private Instant due = Instant.MIN;

    public DailyRetention(String owner, PostgresRetention retention, Clock clock) {
        this.owner = owner;
        this.retention = retention;
        this.clock = clock;
    }

    /** Applies retention when it is due: at the first call, then a day after each run (an hour after a failure). */
    public void runIfDue() {
        Instant now = clock.instant();
        if (now.isBefore(due)) {
            return;
        }
        try {
            retention.apply(now);
            due = now.plus(DAY);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("{} - retention failed, trying again in an hour: {}", owner, e.getMessage());
            due = now.plus(RETRY);
        }
    }
}
