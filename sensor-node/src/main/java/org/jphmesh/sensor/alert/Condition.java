package org.jphmesh.sensor.alert;

import java.util.Set;
import org.jphmesh.bus.frame.Codifier;

/**
 * One rule's condition. Called only from the evaluator thread, so a condition may keep samples (a rate, a loss
 * window) without locks.
 */
interface Condition {

    /**
     * What the condition says at {@code nowMillis}; {@code engagedSince} is when it began to hold (the rule is pending
     * or firing), or {@link HeardFrames#NEVER}: a condition with hysteresis needs more to let go than to take hold.
     */
    Observation observe(MeshWatch watch, long engagedSince, long nowMillis);

    /** Codifiers whose frames may change the verdict: the rule is evaluated as each one arrives. */
    Set<Codifier> triggers();

    /** Whether time alone changes the verdict (a silence, a window), so the periodic sweep evaluates it. */
    boolean timed();

    /** The codifiers this condition reads, for the never-heard grace. */
    default Set<Codifier> inputs() {
        return triggers();
    }
}
