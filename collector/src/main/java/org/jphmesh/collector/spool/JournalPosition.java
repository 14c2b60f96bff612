package org.jphmesh.collector.spool;

/** A place in the journal: a segment number and a byte offset in it. */
public record JournalPosition(long segment, long offset) implements Comparable<JournalPosition> {

    public static final JournalPosition START = new JournalPosition(1, 0);

    @Override
    public int compareTo(JournalPosition other) {
        int bySegment = Long.compare(segment, other.segment);
        return bySegment != 0 ? bySegment : Long.compare(offset, other.offset);
    }
}
