package org.jphmesh.bus.metrics;

import org.jphmesh.bus.codec.MalformedReason;
import org.jphmesh.bus.frame.BusChannel;

/**
 * Hooks the bus calls as frames move, so applications can export counts without the bus depending on a
 * metrics library. Every method is called on an I/O thread and must return at once.
 */
public interface BusMetrics {

    /** Does nothing; the default when nobody is counting. */
    BusMetrics NONE = new BusMetrics() {
    };

    default void frameReceived(BusChannel channel) {
    }

    default void frameSent(BusChannel channel) {
    }

    default void sendFailed(BusChannel channel) {
    }

    default void malformed(BusChannel channel, MalformedReason reason) {
    }

    default void callbackFailed(String callback) {
    }
}
