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

    /** A socket error while reading a bus. */
    default void receiveFailed(BusChannel channel) {
    }

    /** A user callback threw. */
    default void callbackFailed(String callback) {
    }

    /**
     * Something deliberately not done: a command the entry does not allow ({@code command-refused}), a
     * reading while halted ({@code send-while-halted}), a full callback queue ({@code <callback>-queue-full}),
     * a timer tick while the previous one still runs ({@code timer-skipped}).
     */
    default void dropped(String reason) {
    }

    /**
     * Loss repair on the sending side: {@code resend-requests} (an {@code R} for one of this node's codifiers),
     * {@code resent} (frames sent again), {@code resend-unavailable} (frames asked for but no longer kept),
     * {@code resend-refused} (an {@code R} that was malformed, broadcast, or came while repair is off).
     */
    default void repair(String event, long count) {
    }
}
