package org.jphmesh.web.mqtt;

import java.time.Clock;
import java.time.Duration;

/**
 * Paces the full discovery republish that Home Assistant's birth message ({@code <DiscoveryPrefix>/status
 * online}) asks for: any client of the broker can publish that, so it gets at most one republish per
 * {@code interval}. A birth inside the interval is not dropped (Home Assistant may really have restarted):
 * it is remembered, and one republish follows when the interval ends, however many births came meanwhile.
 *
 * <p>The publisher thread asks {@link #due()} on every turn, which is at least every half second; the clock
 * is injected so tests move time instead of waiting it out.
 */
final class RepublishGate {

    private final Clock clock;
    private final long intervalMillis;
    private boolean requested;
    private long lastMillis;
    private boolean ever;

    RepublishGate(Clock clock, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative, not " + interval);
        }
        this.clock = clock;
        this.intervalMillis = interval.toMillis();
    }

    /** A birth message arrived: a republish is wanted, now or at the end of the interval. */
    synchronized void request() {
        requested = true;
    }

    /** True once per granted republish: when one was requested and the last one is an interval old. */
    synchronized boolean due() {
        if (!requested) {
            return false;
        }
        long now = clock.millis();
        // A clock set back counts as the interval being over, rather than holding the republish for hours.
        if (ever && now >= lastMillis && now - lastMillis < intervalMillis) {
            return false;
        }
        requested = false;
        ever = true;
        lastMillis = now;
        return true;
    }

    /** Whether a republish is waiting for its interval to end (for metrics and tests). */
    synchronized boolean pending() {
        return requested;
    }
}
