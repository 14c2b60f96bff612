package org.jphmesh.web.http.auth;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@code maxFailures} failed logins within {@code window}, from one address
 * or for one account, further attempts are refused until the oldest failure leaves the window. A success
 * clears the account's failures but not the address's.
 */
public final class LoginLimiter {

    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final ConcurrentHashMap<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();

    public LoginLimiter(Clock clock, int maxFailures, Duration window) {
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Seconds until an attempt from this address for this account is allowed; 0 when it is now. */
    public long retryAfterSeconds(String address, String account) {
        return Math.max(wait("ip:" + address), wait("user:" + account));
    }

    public void failed(String address, String account) {
        record("ip:" + address);
        record("user:" + account);
    }

    public void succeeded(String account) {
        failures.remove("user:" + account);
    }

    private long wait(String key) {
        ArrayDeque<Long> times = failures.get(key);
        if (times == null) {
            return 0;
        }
        synchronized (times) {
            prune(times);
            if (times.size() < maxFailures) {
                return 0;
            }
            long freeAt = times.peekFirst() + window.toMillis();
            return Math.max(1, (freeAt - clock.millis() + 999) / 1000);
        }
    }

    private void record(String key) {
        ArrayDeque<Long> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.millis());
            while (times.size() > maxFailures) {
                times.removeFirst();
            }
        }
    }

    private void prune(ArrayDeque<Long> times) {
        long oldest = clock.millis() - window.toMillis();
        while (!times.isEmpty() && times.peekFirst() <= oldest) {
            times.removeFirst();
        }
    }
}
