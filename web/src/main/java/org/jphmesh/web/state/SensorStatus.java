package org.jphmesh.web.state;

/** What a tile says about a sensor, worst first. */
public enum SensorStatus {
    /** Never heard since the dashboard started and nothing in Redis. */
    UNKNOWN,
    /** Its node said it is halted (alive frame with active=false). */
    HALTED,
    /** Nothing from its node for longer than {@code KeepAliveInterval} (plus a grace for jitter). */
    DOWN,
    /** Its node is alive, but no reading within {@code TimeoutWarning}. */
    STALE,
    /** A reading within {@code TimeoutWarning}. */
    OK
}
