package org.jphmesh.web.state;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/** The most recent mesh events, newest first, bounded so a chatty mesh cannot grow the dashboard's heap. */
public final class EventLog {

    private final int capacity;
    private final ArrayDeque<MeshEvent> events;

    public EventLog(int capacity) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    public synchronized void add(MeshEvent event) {
        if (events.size() == capacity) {
            events.removeLast();
        }
        events.addFirst(event);
    }

    public synchronized List<MeshEvent> recent(int limit, Predicate<MeshEvent> filter) {
        List<MeshEvent> out = new ArrayList<>(Math.min(limit, events.size()));
        for (MeshEvent event : events) {
            if (out.size() == limit) {
                break;
            }
            if (filter.test(event)) {
                out.add(event);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
