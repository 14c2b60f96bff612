package org.jphmesh.collector;

import java.time.Clock;
import java.util.OptionalLong;

/**
 * Rows per minute between two ticks, as the legacy collectors reported them: a whole number (Python's {@code int()},
 * which cuts the fraction off), measured over the time that really passed, and nothing for the first tick, which
 * has no interval behind it yet.
 */
final class RowRate {

    private final Clock clock;
    private long lastCount;
    private long lastMillis = -1;

    RowRate(Clock clock) {
        this.clock = clock;
    }

    /** The rate since the previous call, given the running total of rows; empty on the first call. */
    synchronized OptionalLong next(long count) {
        long now = clock.millis();
        OptionalLong rate = lastMillis < 0 || now <= lastMillis ? OptionalLong.empty()
                : OptionalLong.of((long) ((count - lastCount) * 60_000.0 / (now - lastMillis)));
        lastCount = count;
        lastMillis = now;
        return rate;
    }
}
