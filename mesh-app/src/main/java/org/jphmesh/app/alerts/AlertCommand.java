package org.jphmesh.app.alerts;

import java.time.Duration;

/**
 * An operator's command to an alert rule, carried as an {@code A} frame to the rule's codifier whose time component
 * says which (docs/protocol.md, section 16): 0 acknowledges, {@code n > 0} silences for n seconds, a negative
 * number lifts a silence and an acknowledgement. The dashboard and {@code jph-control} send them, the alerts node
 * reads them; this is the one translation both sides use.
 */
public sealed interface AlertCommand {

    /** No repeats of the current firing until it resolves. */
    record Acknowledge() implements AlertCommand {
    }

    /** No notifications for {@code period}. */
    record Silence(Duration period) implements AlertCommand {

        /** The longest silence in seconds: ten years is as good as forever. */
        public static final long MAX_SECONDS = 315_360_000;

        public Silence {
            if (period.toMillis() < 1_000) {
                throw new IllegalArgumentException("a silence lasts at least one second, not " + period);
            }
        }
    }

    /** Lifts a silence and an acknowledgement. */
    record Lift() implements AlertCommand {
    }

    /** The {@code A} frame's time component for this command. */
    default double timeComponent() {
        if (this instanceof Silence silence) {
            return silence.period().toSeconds();
        }
        return this instanceof Acknowledge ? 0 : -1;
    }

    /**
     * Whether a state the rule sent after this command was sent at {@code sentAtMillis} shows that it took: the alerts
     * node answers every command with the rule's state at once (protocol.md, section 16). Acknowledging a rule that is
     * not firing has nothing to do, so any later state shows it.
     */
    default boolean tookEffect(AlertStatus after, long sentAtMillis) {
        if (this instanceof Silence) {
            return after.silencedAt(sentAtMillis);
        }
        if (this instanceof Acknowledge) {
            return after.acknowledged() || after.state() != AlertStatus.State.FIRING;
        }
        return !after.acknowledged() && !after.silencedAt(sentAtMillis);
    }

    /** The command an {@code A} frame's time component carries; NaN is not a command. */
    static AlertCommand of(double timeComponent) {
        if (Double.isNaN(timeComponent)) {
            throw new IllegalArgumentException("NaN is not an alert command");
        }
        if (timeComponent == 0) {
            return new Acknowledge();
        }
        if (timeComponent < 0) {
            return new Lift();
        }
        // At least a second; a silence longer than ten years is as good as forever.
        double seconds = Math.min(Math.max(timeComponent, 1), Silence.MAX_SECONDS);
        return new Silence(Duration.ofSeconds((long) seconds));
    }
}
