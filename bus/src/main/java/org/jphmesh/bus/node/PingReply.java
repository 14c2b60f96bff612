package org.jphmesh.bus.node;

import java.time.Duration;
import org.jphmesh.bus.frame.Codifier;

/** A pong: who answered, after how long, and whether it said it is active. */
public record PingReply(Codifier from, Duration roundTrip, boolean active, long sequence) {
}
