package org.jphmesh.web.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within {@code window}, from one address
 * or for one account, further attempts are refused until the oldest failure leaves the window. A success
 * clears the account's failures but not the address's.
 */
public final class LoginLimiter {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, ArrayDeque<Long>> failures = new HashMap<>();

    public LoginLimiter(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /**
     * Takes one attempt for this address and account, counted as a failure until {@link #succeeded} says
     * otherwise; returns 0, or the seconds to wait when the limit is reached (then nothing is taken).
     * Taking it before the password is checked means parallel guesses cannot all pass the check at once.
     */
    public synchronized long attempt(String address, String account) {
        long now = clock.millis();
        long wait = Math.max(wait("ip:" + address, now), wait("user:" + account, now));
        if (wait > 0) {
            return wait;
        }
        record("ip:" + address, now);
        record("user:" + account, now);
        return 0;
    }

    /** The attempt was right: it no longer counts against the account or the address. */
    public synchronized void succeeded(String address, String account) {
        forgetLast("ip:" + address);
        failures.remove("user:" + account);
    }

    private long wait(String key, long now) {
        ArrayDeque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        prune(key, times, now);
        if (times.size() < maxFailures) {
            return 0;
        }
        long freeAt = times.peekFirst() + window.toMillis();
        return Math.max(1, (freeAt - now + 999) / 1000);
    }

    private void record(String key, long now) {
        ArrayDeque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        times.addLast(now);
        while (times.size() > maxFailures) {
            times.removeFirst();
        }
    }

    private void forgetLast(String key) {
        ArrayDeque<Long> times = failures.get(key);
        if (times != null && !times.isEmpty()) {
            times.removeLast();
        }
    }

    // Keys whose failures have all aged out are dropped, so the map does not grow with every address ever seen.
    private void prune(String key, ArrayDeque<Long> times, long now) {
        long oldest = now - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
        if (times.isEmpty()) {
            failures.remove(key);
        }
    }
}
