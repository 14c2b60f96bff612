package org.jphmesh.collector.repair;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.ResendRange;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.sequence.SequenceGap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A collector's half of loss repair: on a gap in a codifier's data stream it asks that codifier with
 * {@code R} for the missing numbers, then checks {@link #FIRST_CHECK} later (doubling each time) which
 * arrived, asks again for the rest, and gives up after {@link #TRIES} requests.
 *
 * <p>What is missing is read from the node's own sequence accounting, which marks a late frame received
 * whatever brought it (the resend, or plain reordering), so there is no second bookkeeping to drift. It only
 * looks {@link #REACH} numbers back: a resent frame further behind than the accounting's 1,024-frame window
 * would count as stale, and two such frames in a row as a sender restart. Resent frames are the original
 * datagrams, so the journal stores them like any reading and the database's key (codifier, timestamp,
 * sequence) keeps each once.
 */
public final class LossRepair implements AutoCloseable {

    /** How far behind a stream's highest number a missing one may be and still be asked for. */
    static final int REACH = 768;
    /** Requests per missing number, the first one included. */
    static final int TRIES = 4;
    /** The wait before the first check; each later wait is twice the one before. */
    static final Duration FIRST_CHECK = Duration.ofMillis(200);
    /** Missing numbers followed at once, over all codifiers; beyond it a gap is given up on at once. */
    static final int MAX_OUTSTANDING = 65_536;

    private static final Logger LOG = LoggerFactory.getLogger(LossRepair.class);

    private final String owner;
    private final ScheduledExecutorService scheduler;
    private final AtomicLong outstanding = new AtomicLong();
    private final LongAdder requests = new LongAdder();
    private final LongAdder asked = new LongAdder();
    private final LongAdder recovered = new LongAdder();
    private final LongAdder givenUp = new LongAdder();

    public LossRepair(String owner) {
        this.owner = owner;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jph-" + owner + "-repair", true));
    }

    /** A gap the node's accounting just found, on the I/O thread: returns at once, the asking happens on our thread. */
    public void onGap(Node node, SequenceGap gap) {
        if (gap.channel() != BusChannel.DATA || gap.count() <= 0) {
            return;
        }
        int reachable = (int) Math.min(gap.count(), REACH);
        // The oldest part of a gap wider than the reach is beyond repair from the start.
        givenUp.add(gap.count() - reachable);
        if (outstanding.addAndGet(reachable) > MAX_OUTSTANDING) {
            outstanding.addAndGet(-reachable);
            givenUp.add(reachable);
            return;
        }
        long first = (gap.first() + gap.count() - reachable) & Frame.MAX_SEQUENCE;
        Attempt attempt = new Attempt(node, gap.codifier(), first, reachable);
        asked.add(reachable);
        try {
            scheduler.execute(() -> attempt.ask(1));
        } catch (RejectedExecutionException e) {
            outstanding.addAndGet(-reachable);
        }
    }

    /** {@code R} frames sent. */
    public long requests() {
        return requests.sum();
    }

    /** Missing numbers asked for (each counted once, however often it was asked). */
    public long asked() {
        return asked.sum();
    }

    /** Numbers asked for that arrived afterwards. */
    public long recovered() {
        return recovered.sum();
    }

    /** Numbers still missing after the last try, or out of reach. */
    public long givenUp() {
        return givenUp.sum();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    /** One gap being repaired: which of its numbers are still open, and how often they were asked for. */
    private final class Attempt {
        private final Node node;
        private final Codifier codifier;
        private final long first;
        private final boolean[] open;

        Attempt(Node node, Codifier codifier, long first, int count) {
            this.node = node;
            this.codifier = codifier;
            this.first = first;
            this.open = new boolean[count];
            Arrays.fill(open, true);
        }

        void ask(int attempt) {
            int runStart = -1;
            for (int i = 0; i <= open.length; i++) {
                boolean wanted = i < open.length && open[i];
                if (wanted && runStart < 0) {
                    runStart = i;
                } else if (!wanted && runStart >= 0) {
                    node.requestResend(codifier, new ResendRange(sequence(runStart), i - runStart));
                    requests.increment();
                    runStart = -1;
                }
            }
            long wait = FIRST_CHECK.toMillis() << (attempt - 1);
            scheduler.schedule(() -> check(attempt), wait, TimeUnit.MILLISECONDS);
        }

        private void check(int attempt) {
            int left = 0;
            for (int i = 0; i < open.length; i++) {
                if (!open[i]) {
                    continue;
                }
                long sequence = sequence(i);
                if (node.accounting().isMissing(codifier, BusChannel.DATA, sequence, REACH)) {
                    left++;
                    continue;
                }
                open[i] = false;
                outstanding.decrementAndGet();
                // Not missing within reach: it arrived, or it fell out of reach (or the stream restarted).
                if (node.accounting().isReceived(codifier, BusChannel.DATA, sequence)) {
                    recovered.increment();
                } else {
                    givenUp.increment();
                }
            }
            if (left == 0) {
                return;
            }
            if (attempt < TRIES && !node.whenStopped().isDone()) {
                ask(attempt + 1);
                return;
            }
            givenUp.add(left);
            outstanding.addAndGet(-left);
            LOG.debug("{} - gave up on {} reading(s) of {} from #{}", owner, left, codifier, first);
        }

        private long sequence(int i) {
            return (first + i) & Frame.MAX_SEQUENCE;
        }
    }
}
