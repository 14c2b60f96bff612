package org.jphmesh.sensor.driver;

import java.time.Clock;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;

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

    Clock clock();
}
