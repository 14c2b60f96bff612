package org.jphmesh.bus.frame;

/**
 * The nine-byte payload of every control frame: a float64 and the sender's active state.
 *
 * <p>The time component is the sender's start time in epoch milliseconds on most flags; a pong
 * echoes the ping's, and {@code A}/{@code E} carry the set-point or step instead.
 */
public record ControlPayload(double timeComponent, boolean active) implements Payload {
}
