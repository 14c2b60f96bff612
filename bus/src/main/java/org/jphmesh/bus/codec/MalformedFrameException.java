package org.jphmesh.bus.codec;

/**
 * A datagram that is not a valid JPH frame. Thrown only by {@link FrameCodec#decode}; the transport
 * catches it, counts its {@link #reason()} and drops the datagram.
 *
 * <p>No stack trace is filled in: the cause is always the input, never the code path, and a flood of
 * garbage must not cost a stack walk per datagram.
 */
public final class MalformedFrameException extends Exception {

    private final MalformedReason reason;

    public MalformedFrameException(MalformedReason reason, String detail) {
        super(reason.label() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public MalformedReason reason() {
        return reason;
    }
}
