package org.jphmesh.bus.log;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs at most one line per key per period and says how many were held back, so a flood of bad
 * datagrams costs a counter increment each instead of a log line each.
 */
public final class RateLimitedLog {

    private final Logger log;
    private final long periodNanos;
    private final ConcurrentHashMap<String, Window> windows = new ConcurrentHashMap<>();

    public RateLimitedLog(Logger log, long periodMillis) {
        this.log = log;
        this.periodNanos = periodMillis * 1_000_000L;
    }

    /** Warns with the SLF4J pattern unless this key already warned within the period. */
    public void warn(String key, String pattern, Object... arguments) {
        Window window = windows.computeIfAbsent(key, k -> new Window());
        long now = System.nanoTime();
        long last = window.lastLogged.get();
        if (last != 0 && now - last < periodNanos) {
            window.suppressed.incrementAndGet();
            return;
        }
        if (!window.lastLogged.compareAndSet(last, now)) {
            window.suppressed.incrementAndGet();
            return;
        }
        long held = window.suppressed.getAndSet(0);
        if (held > 0) {
            log.warn(pattern + " (and {} more like it since the last report)", append(arguments, held));
        } else {
            log.warn(pattern, arguments);
        }
    }

    private static Object[] append(Object[] arguments, Object extra) {
        Object[] all = Arrays.copyOf(arguments, arguments.length + 1);
        all[arguments.length] = extra;
        return all;
    }

    private static final class Window {
        final AtomicLong lastLogged = new AtomicLong();
        final AtomicLong suppressed = new AtomicLong();
    }
}
