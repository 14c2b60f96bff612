package org.jphmesh.router.link;

import io.github.bucket4j.Bucket;
import io.netty.util.concurrent.Ticker;
import org.jphmesh.router.config.LinkFilter;
import org.jphmesh.router.config.LinkSettings;
import org.jphmesh.router.topology.ForwardingPlan;

/**
 * One of the router's links as the forwarding path sees it: its place in the router's list (a bit in the
 * duplicate window), the segment id it stamps on frames that enter the mesh through it, its outbound
 * filter and rate limit, and its counters.
 */
public final class Link {

    private final int index;
    private final LinkSettings settings;
    private final int segmentId;
    private final LinkFilter.Compiled filter;
    private final Bucket bucket;
    private final LinkCounters counters = new LinkCounters();
    private volatile Outlet outlet;

    /** {@code ticker}: the time the rate limit refills by. */
    public Link(int index, LinkSettings settings, Ticker ticker) {
        this.index = index;
        this.settings = settings;
        this.segmentId = ForwardingPlan.segmentId(settings.name());
        this.filter = settings.filter().compile(settings.name() + ".Filter");
        this.bucket = settings.rateLimit() == null ? null : settings.rateLimit().bucket(ticker);
    }

    public int index() {
        return index;
    }

    public int bit() {
        return 1 << index;
    }

    public String name() {
        return settings.name();
    }

    public LinkSettings settings() {
        return settings;
    }

    public int segmentId() {
        return segmentId;
    }

    public boolean legacy() {
        return settings.legacy();
    }

    public LinkFilter.Compiled filter() {
        return filter;
    }

    /** True when the rate limit lets one more frame out (always, without a limit). */
    public boolean admit() {
        return bucket == null || bucket.tryConsume(1);
    }

    public LinkCounters counters() {
        return counters;
    }

    public Outlet outlet() {
        return outlet;
    }

    public void attach(Outlet opened) {
        this.outlet = opened;
    }
}
