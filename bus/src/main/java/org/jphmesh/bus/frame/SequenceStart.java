package org.jphmesh.bus.frame;

/** Flag {@code n}: the sender's data sequence for this codifier restarts at {@code start}. */
public record SequenceStart(long start) implements DataPayload {

    public SequenceStart {
        if (start < 0 || start > IntegerReading.MAX) {
            throw new IllegalArgumentException("a sequence start is an unsigned 32-bit integer, not " + start);
        }
    }

    @Override
    public Flag flag() {
        return Flag.DATA_SEQUENCE;
    }
}
