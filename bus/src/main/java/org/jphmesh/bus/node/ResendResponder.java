package org.jphmesh.bus.node;

import java.util.List;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.ResendRange;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.bus.metrics.BusMetrics;
import org.jphmesh.bus.transport.MulticastTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a resend request ({@code R}) addressed to one of the node's codifiers: every frame of the range
 * still in {@link SentFrames} goes out again exactly as it was sent (same sequence, timestamp and payload),
 * through the transport, so it is signed like any frame. Nothing of the node's own state changes: no
 * sequence number is taken and the keep-alive clock is left alone.
 */
final class ResendResponder {

    private static final Logger LOG = LoggerFactory.getLogger(ResendResponder.class);

    private final String self;
    private final SentFrames sent;
    private final MulticastTransport transport;
    private final BusMetrics metrics;
    private final RateLimitedLog rateLimited = new RateLimitedLog(LOG, 10_000);

    ResendResponder(String self, SentFrames sent, MulticastTransport transport, BusMetrics metrics) {
        this.self = self;
        this.sent = sent;
        this.transport = transport;
        this.metrics = metrics;
    }

    /** Resends what is kept of the range {@code request} asks for; {@code request} is addressed to one of ours. */
    void answer(Frame request) {
        ResendRange range;
        try {
            range = ResendRange.fromTimeComponent(request.control().timeComponent());
        } catch (IllegalArgumentException e) {
            // From the network: count and drop, never throw into the pipeline.
            metrics.repair("resend-refused", 1);
            rateLimited.warn("range", "{} - ignored R from {}: {}", self, request.from(), e.getMessage());
            return;
        }
        metrics.repair("resend-requests", 1);
        List<Frame> frames = sent.find(request.to(), range);
        for (Frame frame : frames) {
            transport.send(frame);
        }
        metrics.repair("resent", frames.size());
        metrics.repair("resend-unavailable", range.count() - frames.size());
        LOG.debug("{} - resent {} of {} frames of {} from #{} to {}", self, frames.size(), range.count(),
                request.to(), range.first(), request.from());
    }
}
