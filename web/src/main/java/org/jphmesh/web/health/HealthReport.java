package org.jphmesh.web.health;

/** The state of the parts beside the bus, for {@code /health}: {@code up}, {@code down} or {@code not configured}. */
public interface HealthReport {
    /** Starts the checks that are due without waiting, so a request waits for them together, not in turn. */
    default void refresh() {
    }

    String redis();

    String postgres();

    String mqtt();
}
