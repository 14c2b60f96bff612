package org.jphmesh.sensor.driver;

import java.util.List;
import org.jphmesh.bus.frame.Frame;

/** Reads one kind of sensor. Created per node from its config entry; called on the node's timer. */
public interface Driver extends AutoCloseable {

    /** Reads the sensor once and returns the readings to send (its own and its proxies'). */
    List<Reading> read() throws Exception;

    /** A command addressed to the node ({@code A}/{@code E} only when control is enabled). */
    default void onControl(Frame frame) {
    }

    @Override
    default void close() {
    }
}
