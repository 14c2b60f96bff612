package org.jphmesh.bus.auth;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import org.jphmesh.bus.frame.Frame;

/**
 * Refuses a signed frame seen before: one whose timestamp is further than the window from this node's
 * clock, or whose identity (sender, flag, sequence, timestamp) was accepted within the window. The window
 * starts empty, so a frame stamped before this receiver started (less a small clock skew) is refused too:
 * otherwise a frame captured just before a restart could be replayed just after it. Memory is
 * bounded by the frames accepted within one window; past {@code capacity} the oldest are forgotten, which
 * only matters to a replay of a frame older than that many frames and still inside the window.
 */
final class ReplayWindow {

    private record Identity(String from, char flag, long sequence, long timestamp) {
    }

    private record Seen(Identity identity, long timestamp) {
    }

    /** How far another host's clock may be behind ours and its frames still count right after our start. */
    static final long START_SKEW_MILLIS = 2_000;

    private final long windowMillis;
    private final long notBeforeMillis;
    private final int capacity;
    private final Set<Identity> seen = new HashSet<>();
    private final ArrayDeque<Seen> order = new ArrayDeque<>();

    ReplayWindow(long windowMillis, int capacity, long startMillis) {
        this.windowMillis = windowMillis;
        this.notBeforeMillis = startMillis - Math.min(windowMillis, START_SKEW_MILLIS);
        this.capacity = capacity;
    }

    synchronized AuthVerdict admit(Frame frame, long nowMillis) {
        if (Math.abs(nowMillis - frame.timestamp()) > windowMillis || frame.timestamp() < notBeforeMillis) {
            return AuthVerdict.STALE;
        }
        while (!order.isEmpty() && (order.peekFirst().timestamp() < nowMillis - windowMillis || order.size() >= capacity)) {
            seen.remove(order.removeFirst().identity());
        }
        Identity identity = new Identity(frame.from().value(), frame.flag().letter(), frame.sequence(), frame.timestamp());
        if (!seen.add(identity)) {
            return AuthVerdict.REPLAYED;
        }
        order.addLast(new Seen(identity, frame.timestamp()));
        return AuthVerdict.VALID;
    }
}
