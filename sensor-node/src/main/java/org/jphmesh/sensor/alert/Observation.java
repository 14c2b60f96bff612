package org.jphmesh.sensor.alert;

/**
 * What a rule's condition says at one moment.
 *
 * @param verdict whether the condition holds, is clear, or cannot be judged because its input was never heard
 * @param value   the value it saw (NaN when none), sent with notifications
 * @param message what it saw, for people
 */
record Observation(Verdict verdict, double value, String message) {

    enum Verdict {
        HOLDS,
        CLEAR,
        /** An input was never heard: pending for the rule's grace, then firing. */
        UNHEARD,
        /** The condition could not be computed (an expression failed): the rule keeps its state. */
        UNKNOWN
    }

    static Observation holds(double value, String message) {
        return new Observation(Verdict.HOLDS, value, message);
    }

    static Observation clear(double value, String message) {
        return new Observation(Verdict.CLEAR, value, message);
    }

    static Observation unheard(String message) {
        return new Observation(Verdict.UNHEARD, Double.NaN, message);
    }

    static Observation unknown(String message) {
        return new Observation(Verdict.UNKNOWN, Double.NaN, message);
    }
}
