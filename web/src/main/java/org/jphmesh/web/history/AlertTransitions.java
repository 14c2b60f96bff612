package org.jphmesh.web.history;

import java.util.List;

/** A rule's recent changes in a range, newest first; {@code truncated} when older ones in the range were not read. */
public record AlertTransitions(String code, long from, long to, List<AlertTransition> transitions, boolean truncated) {

    public AlertTransitions {
        transitions = List.copyOf(transitions);
    }
}
