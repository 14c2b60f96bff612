package org.jphmesh.bus.sequence;

/** What one received sequence number meant for its stream. */
public enum SequenceOutcome {
    /** The first frame heard from this stream. */
    FIRST,
    /** Exactly the next number. */
    IN_ORDER,
    /** Ahead of the next number: the frames in between are counted lost. */
    GAP,
    /** A number already received. */
    DUPLICATE,
    /** A number counted lost earlier that arrived late; it is no longer lost. */
    REORDERED,
    /** Far outside the window: a stray old frame, or the first of an unannounced restart (counted as reordered). */
    STALE,
    /** The sender started a new sequence: announced, or confirmed by the frame after a {@link #STALE} one. */
    RESTART
}
