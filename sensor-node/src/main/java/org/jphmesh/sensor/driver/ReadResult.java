package org.jphmesh.sensor.driver;

import java.util.List;
import java.util.Objects;

/**
 * What one read gave, told apart as the legacy node did: all good, some values with errors, a failed
 * read, or nothing to report this time (an input that only reports changes, a topic with no news); and,
 * for a node that reports a state it holds rather than reads (a set-point, a fan's duty), reported: sent
 * like a good read, but, as the legacy controlSensor and fanControl returned no state, without postponing
 * the node's keep-alive.
 */
public record ReadResult(Status status, List<Reading> readings, String problem) {

    /** How a read went. */
    public enum Status {
        GOOD,
        WITH_ERRORS,
        FAILED,
        NO_READING,
        REPORTED
    }

    public ReadResult {
        Objects.requireNonNull(status, "status");
        readings = List.copyOf(readings);
        if ((status == Status.WITH_ERRORS || status == Status.FAILED) && (problem == null || problem.isBlank())) {
            throw new IllegalArgumentException(status + " needs a problem that says what went wrong");
        }
    }

    public static ReadResult good(List<Reading> readings) {
        return new ReadResult(Status.GOOD, readings, null);
    }

    public static ReadResult good(Reading reading) {
        return good(List.of(reading));
    }

    /** Some values were read, others not; the read ones are sent. */
    public static ReadResult withErrors(List<Reading> readings, String problem) {
        return new ReadResult(readings.isEmpty() ? Status.FAILED : Status.WITH_ERRORS, readings, problem);
    }

    public static ReadResult failed(String problem) {
        return new ReadResult(Status.FAILED, List.of(), problem);
    }

    /** A state the driver holds, sent every interval; the node's keep-alive goes on as if nothing were read. */
    public static ReadResult reported(Reading reading) {
        return new ReadResult(Status.REPORTED, List.of(reading), null);
    }

    public static ReadResult none() {
        return new ReadResult(Status.NO_READING, List.of(), null);
    }
}
