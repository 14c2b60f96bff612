package org.jphmesh.bus.frame;

/** The two multicast groups of a JPH mesh: commands and liveness on one, readings on the other. */
public enum BusChannel {
    CONTROL,
    DATA;

    /** The lower-case name used in logs, JSON and the command line. */
    public String label() {
        return this == CONTROL ? "control" : "data";
    }
}
