package org.jphmesh.web.mqtt;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bridge's bounded queue to the broker, filled from any thread and drained by the publisher thread.
 *
 * <p>Retained messages are coalesced per topic (a newer state replaces the waiting one, in its place), so
 * during a broker outage the queue holds at most one message per topic plus the notices. When it is full
 * anyway, the oldest reading message is dropped (the next reading replaces it); only when none is waiting
 * does the oldest other message go. Either way the drop is counted.
 */
final class OutboundQueue {

    private final int capacity;
    private final LinkedHashMap<Object, Outgoing> readings = new LinkedHashMap<>();
    private final LinkedHashMap<Object, Outgoing> others = new LinkedHashMap<>();
    private Outgoing retry;
    private long noticeKeys;
    private long dropped;
    private long coalesced;

    OutboundQueue(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    synchronized void offer(Outgoing message) {
        if (message.retained()) {
            Map<Object, Outgoing> same = message.kind() == Outgoing.Kind.READING ? readings : others;
            if (same.containsKey(message.topic())) {
                same.put(message.topic(), message);
                coalesced++;
                return;
            }
        }
        if (readings.size() + others.size() >= capacity) {
            dropOldest();
        }
        if (message.kind() == Outgoing.Kind.READING && message.retained()) {
            readings.put(message.topic(), message);
        } else if (message.retained()) {
            others.put(message.topic(), message);
        } else {
            others.put(noticeKeys++, message);
        }
    }

    /** The next message to send: a returned one first, then status and notices, then readings; null when empty. */
    synchronized Outgoing poll() {
        if (retry != null) {
            Outgoing next = retry;
            retry = null;
            return next;
        }
        Outgoing next = removeFirst(others);
        return next != null ? next : removeFirst(readings);
    }

    /** Puts back a message the broker did not take, to be sent before anything else. */
    synchronized void putBack(Outgoing message) {
        retry = message;
    }

    synchronized int size() {
        return readings.size() + others.size() + (retry == null ? 0 : 1);
    }

    synchronized long dropped() {
        return dropped;
    }

    synchronized long coalesced() {
        return coalesced;
    }

    private void dropOldest() {
        if (removeFirst(readings) == null) {
            removeFirst(others);
        }
        dropped++;
    }

    private static Outgoing removeFirst(LinkedHashMap<Object, Outgoing> map) {
        Iterator<Outgoing> values = map.values().iterator();
        if (!values.hasNext()) {
            return null;
        }
        Outgoing first = values.next();
        values.remove();
        return first;
    }
}
