package org.jphmesh.bus.frame;

/**
 * A reading or a data-sequence announcement: the payload of a data-bus frame.
 * Each kind has exactly one flag, so a data frame's flag follows from its payload.
 */
public sealed interface DataPayload extends Payload
        permits FloatReading, IntegerReading, SequenceStart, TextReading, JsonReading {

    /** The data flag that carries this kind of payload. */
    Flag flag();
}
