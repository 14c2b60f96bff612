package org.jphmesh.sensor.driver;

import java.time.Clock;
import org.jphmesh.bus.frame.Codifier;

/** What a running driver may use of its node: push readings that do not wait for the timer, and the latest values heard. */
public interface DriverContext {

    /** Sends a reading now (for drivers that report on change); false when the node is halted. */
    boolean publish(Reading reading);

    /** The latest values heard on the data bus, by codifier. */
    LatestValues latest();

    Codifier codifier();

    Clock clock();
}
