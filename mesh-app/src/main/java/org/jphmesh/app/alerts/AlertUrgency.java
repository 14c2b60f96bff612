package org.jphmesh.app.alerts;

import java.util.Comparator;
import java.util.function.Function;

/**
 * The order in which people read alerts, the same on the dashboard's Alerts page and in {@code jph-control alert
 * list}: firing, then pending, then ok, then rules never heard; within a state the more severe first (critical,
 * warning, info, anything else); then by codifier.
 */
public final class AlertUrgency {

    private AlertUrgency() {
    }

    /** Orders items by the rule's state ({@code status} may give null: never heard), severity and codifier. */
    public static <T> Comparator<T> comparing(Function<T, AlertStatus> status, Function<T, String> severity,
                                              Function<T, String> code) {
        return Comparator.<T>comparingInt(item -> stateRank(status.apply(item)))
                .thenComparingInt(item -> severityRank(severity.apply(item)))
                .thenComparing(code);
    }

    static int stateRank(AlertStatus status) {
        if (status == null) {
            return 3;
        }
        return switch (status.state()) {
            case FIRING -> 0;
            case PENDING -> 1;
            case OK -> 2;
        };
    }

    static int severityRank(String severity) {
        if (severity == null) {
            return 3;
        }
        return switch (severity) {
            case "critical" -> 0;
            case "warning" -> 1;
            case "info" -> 2;
            default -> 3;
        };
    }
}
