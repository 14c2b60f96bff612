package org.jphmesh.app.retention;

import java.util.List;
import java.util.Objects;

/**
 * Codifiers sharing one retention period of a tier: those named in {@code only}, or, when it is empty,
 * every codifier except those in {@code except}.
 */
public record RetentionGroup(RetentionPeriod period, List<String> only, List<String> except) {

    public RetentionGroup {
        Objects.requireNonNull(period, "period");
        only = List.copyOf(only);
        except = List.copyOf(except);
        if (!only.isEmpty() && !except.isEmpty()) {
            throw new IllegalArgumentException("a group names its codifiers or those it leaves out, not both");
        }
    }

    /** How the group reads in a log line or a dry run. */
    public String describe() {
        if (!only.isEmpty()) {
            return String.join(", ", only);
        }
        return except.isEmpty() ? "every codifier" : "every codifier but " + String.join(", ", except);
    }
}
