package org.jphmesh.control;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.app.alerts.AlertStatus;

/** How jph-control words a rule's state for people: local date and time, how long it has lasted, the operator's marks. */
final class AlertFormat {

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlertFormat() {
    }

    /** {@code 2026-12-06 07:53:12 (for 12 min)}. */
    static String since(AlertStatus status, long nowMillis) {
        return local(status.since()) + " (for " + duration(nowMillis - status.since()) + ")";
    }

    /** {@code acknowledged, silenced until 2026-12-06 08:53:12}, or {@code -} when neither. */
    static String marks(AlertStatus status, long nowMillis) {
        List<String> marks = new ArrayList<>();
        if (status.acknowledged()) {
            marks.add("acknowledged");
        }
        if (status.silencedAt(nowMillis)) {
            marks.add("silenced until " + local(status.silencedUntil()));
        }
        return marks.isEmpty() ? "-" : String.join(", ", marks);
    }

    /** {@code FIRING since 2026-12-06 07:53:12 (for 12 min), acknowledged}. */
    static String summary(AlertStatus status, long nowMillis) {
        String marks = marks(status, nowMillis);
        return status.state().name() + " since " + since(status, nowMillis) + (marks.equals("-") ? "" : ", " + marks);
    }

    static String local(long epochMillis) {
        return LOCAL.format(Instant.ofEpochMilli(epochMillis).atZone(ZoneId.systemDefault()));
    }

    /** {@code 45 s}, {@code 12 min}, {@code 3 h 5 min}, {@code 2 d 4 h}; a clock a little ahead never gives a negative. */
    static String duration(long millis) {
        long s = Math.max(0, millis) / 1000;
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86_400) {
            return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
        }
        return s / 86_400 + " d" + (s % 86_400 / 3600 == 0 ? "" : " " + s % 86_400 / 3600 + " h");
    }
}
