package org.jphmesh.router.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jphmesh.router.link.Link;
import org.jphmesh.router.link.LinkCounters.Count;

/**
 * The router's own reading, sent as a {@code j} frame of its codifier every {@code SensorInterval}:
 * {@code value} is frames forwarded per second since the last reading (what legacy tools plot), and
 * {@code links} holds every link's counters since start.
 */
public final class RouterStatistics {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<Link> links;
    private long lastForwarded;
    private long lastNanos;

    public RouterStatistics(List<Link> links, long now) {
        this.links = List.copyOf(links);
        this.lastNanos = now;
    }

    /** The reading's JSON text; {@code remembered} is the duplicate window's size. */
    public synchronized String reading(long now, int remembered) {
        return reading(now, remembered, null);
    }

    /** The same, naming a second instance of the router's codifier ({@code conflict}) while one is heard. */
    public synchronized String reading(long now, int remembered, String conflict) {
        long forwarded = links.stream().mapToLong(link -> link.counters().get(Count.forwarded)).sum();
        double seconds = Math.max(1e-3, (now - lastNanos) / 1e9);
        Map<String, Object> reading = new LinkedHashMap<>();
        reading.put("value", Math.round((forwarded - lastForwarded) / seconds * 10) / 10.0);
        reading.put("forwarded", forwarded);
        reading.put("remembered", remembered);
        Map<String, Object> perLink = new LinkedHashMap<>();
        for (Link link : links) {
            perLink.put(link.name(), link.counters().snapshot());
        }
        reading.put("links", perLink);
        if (conflict != null) {
            reading.put("conflict", conflict);
        }
        lastForwarded = forwarded;
        lastNanos = now;
        try {
            return JSON.writeValueAsString(reading);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("statistics did not serialise", e);
        }
    }
}
