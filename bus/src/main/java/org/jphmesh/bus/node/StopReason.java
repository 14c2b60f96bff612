package org.jphmesh.bus.node;

/** Why a node stopped. */
public enum StopReason {
    /** {@link Node#close()} was called: a clean stop. */
    CLOSED,
    /** A newer instance of the same codifier announced itself; this older one gave way. */
    DUPLICATE_INSTANCE,
    /** The program could not go on ({@link Node#closeFailed()}): its service manager should start it again. */
    FAILED
}
