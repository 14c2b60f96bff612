package org.jphmesh.bus.node;

import java.net.InetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.log.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a node does about another instance of its codifier, once {@link DuplicateWatch} has evidence of one: a node
 * that gives way stops, once, if the other instance is newer, as the legacy nodes do; any other program (a collector,
 * a dashboard, a router) keeps running, logs the conflict and reports it at most once a minute, so spoofed hosts
 * taking turns cannot flood its events.
 */
final class InstanceConflicts {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceConflicts.class);
    private static final long REPORT_EVERY_MILLIS = 60_000;

    private final Codifier self;
    private final Clock clock;
    private final boolean givesWay;
    private final Runnable giveWay;
    private final Consumer<DuplicateInstance> report;
    private final DuplicateWatch watch;
    private final RateLimitedLog log = new RateLimitedLog(LOG, 60_000);
    private final AtomicBoolean givingWay = new AtomicBoolean();
    private volatile DuplicateInstance latest;
    private volatile long reportedMillis = Long.MIN_VALUE;

    InstanceConflicts(Codifier self, Clock clock, boolean givesWay, Runnable giveWay, Consumer<DuplicateInstance> report) {
        this.self = self;
        this.clock = clock;
        this.givesWay = givesWay;
        this.giveWay = giveWay;
        this.report = report;
        this.watch = new DuplicateWatch(clock);
    }

    /** A frame with this node's codifier, from {@code host}, that this instance did not send. */
    void heard(Frame frame, InetAddress host, double ownStart, long ownSequenceStart) {
        DuplicateInstance evidence = watch.observe(frame, host, ownStart, ownSequenceStart).orElse(null);
        if (evidence == null) {
            return;
        }
        latest = evidence;
        if (evidence.newer() && givesWay) {
            if (givingWay.compareAndSet(false, true)) {
                LOG.error("{} - {}; this older instance stops. Run each codifier once on the mesh.", self,
                        evidence.describe(self.value()));
                giveWay.run();
            }
            return;
        }
        log.warn("conflict", "{} - {}; this instance keeps running. Run each codifier once on the mesh.", self,
                evidence.describe(self.value()));
        long now = clock.millis();
        if (reportedMillis == Long.MIN_VALUE || now - reportedMillis >= REPORT_EVERY_MILLIS) {
            reportedMillis = now;
            report.accept(evidence);
        }
    }

    /** The latest evidence, while the other instance was heard within {@link DuplicateWatch#FORGET_MILLIS}. */
    Optional<DuplicateInstance> latest() {
        DuplicateInstance last = latest;
        if (last == null || clock.millis() - last.lastHeard().toEpochMilli() > DuplicateWatch.FORGET_MILLIS) {
            return Optional.empty();
        }
        return Optional.of(last);
    }
}
