package org.jphmesh.collector.ingest;

import java.util.Map;
import org.jphmesh.bus.frame.Codifier;

/** Fields of one codifier's latest-state hash that a frame sets. */
public record StateChange(Codifier codifier, Map<String, String> fields) {

    public StateChange {
        fields = Map.copyOf(fields);
    }
}
