package org.jphmesh.bus.node;

import java.net.InetAddress;
import java.time.Instant;

/**
 * Evidence that another instance of this node's codifier runs on the mesh: a stream of its frames, not sent by
 * this instance, from {@code host} since {@code firstHeard}, announcing it started at {@code theirStart}.
 *
 * @param newer true when the other instance started later than this one, so this one is the instance to stop
 */
public record DuplicateInstance(InetAddress host, Instant theirStart, Instant firstHeard, Instant lastHeard,
                                int frames, boolean newer) {

    /** One line for a log, an event or {@code /health}. */
    public String describe(String codifier) {
        return "another instance of " + codifier + " runs at " + host.getHostAddress() + " (started " + theirStart
                + ", " + (newer ? "newer" : "older") + " than this one; " + frames + " frames since " + firstHeard + ")";
    }
}
