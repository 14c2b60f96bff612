package org.jphmesh.sensor.alert;

import java.time.Duration;
import java.util.Objects;
import org.jphmesh.bus.frame.Codifier;

/**
 * One rule of an Alerts entry, as read at load.
 *
 * @param index     its place in the entry, for the evaluator's arrays
 * @param hold      {@code For}: how long the condition must hold before firing (zero: at once)
 * @param grace     how long a rule whose inputs were never heard stays pending before it fires
 * @param outbox    the name of the notification settings it uses ({@code entry}, or its codifier for its own), null for none
 * @param repeat    {@code Repeat} of those settings: how often a firing is notified again; null for never
 */
record AlertRule(int index, Codifier code, String name, String severity, Condition condition, Duration hold,
                 Duration grace, String outbox, Duration repeat) {

    AlertRule {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(condition, "condition");
    }
}
