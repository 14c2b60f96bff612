package org.jphmesh.router.link;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** What one link has seen and done, for the router's statistics reading; written by the I/O thread. */
public final class LinkCounters {

    /** The counters, in the order the statistics reading lists them. */
    public enum Count {
        /** Datagrams read from the link. */
        received,
        /** Datagrams that were no frame (counted, dropped). */
        malformed,
        /** Frames that arrived on this link a second time. */
        duplicates,
        /** Frames this router itself sent to the link, heard back. */
        echoes,
        /** Frames that had crossed the hop limit. */
        hop_limited,
        /** Frames refused by authentication (unsigned in require mode, bad or unknown signature). */
        refused,
        /** Datagrams on a unicast link from an address other than its peer. */
        foreign,
        /** Frames sent out on this link. */
        forwarded,
        /** Frames not sent out because the link's filter does not let them out. */
        filtered,
        /** Frames not sent out because the link's rate limit was used up. */
        rate_limited,
        /** Frames not sent out because the link already had them (a copy by another path). */
        duplicate_suppressed,
        /** Sends the socket refused. */
        send_failed
    }

    private final LongAdder[] counts = new LongAdder[Count.values().length];

    public LinkCounters() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    public void add(Count count) {
        counts[count.ordinal()].increment();
    }

    public long get(Count count) {
        return counts[count.ordinal()].sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> all = new LinkedHashMap<>();
        for (Count count : Count.values()) {
            all.put(count.name(), get(count));
        }
        return all;
    }
}
