package org.jphmesh.sensor.driver;

import java.time.Clock;
import java.util.Optional;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.sequence.SequenceStats;

/** What a running driver may use of its node: push readings that do not wait for the timer, and the latest values heard. */
public interface DriverContext {

    /** Sends a reading now (for drivers that report on change); false when the node is halted. */
    boolean publish(Reading reading);

    /**
     * Sends a control frame now ({@code A}/{@code E} carry {@code value}; the calculated type's {@code Commands});
     * false when the node is halted.
     */
    boolean command(Flag flag, Codifier to, double value);

    /** The latest values heard on the data bus, by codifier. */
    LatestValues latest();

    Codifier codifier();

    /** Whether the node is active (not halted); a driver that acts on its own (alerts) pauses while it is not. */
    default boolean active() {
        return true;
    }

    /** The node's sequence accounting of {@code codifier}'s readings: received and lost, since the node started. */
    default Optional<SequenceStats> sequence(Codifier codifier) {
        return Optional.empty();
    }

    Clock clock();
}
