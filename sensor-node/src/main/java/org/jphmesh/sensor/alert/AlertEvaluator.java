package org.jphmesh.sensor.alert;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.app.alerts.AlertStatus;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.log.RateLimitedLog;
import org.jphmesh.sensor.alert.notify.NotificationOutbox;
import org.jphmesh.sensor.driver.DriverContext;
import org.jphmesh.sensor.driver.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts node's one thread of evaluation. A reading that may change a rule marks it (one flag per rule, so a
 * burst of readings is one evaluation); the thread evaluates marked rules as they come, sweeps the rules that time
 * alone changes every {@value #SWEEP_MILLIS} ms, and after each round sends the changed states, hands notifications
 * to their outboxes (which queue them on disk and deliver on threads of their own) and keeps the states.
 * Notifications are queued before the states are kept: a crash in between repeats one rather than loses it.
 */
final class AlertEvaluator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertEvaluator.class);
    static final long SWEEP_MILLIS = 250;
    private static final int MAX_BATCH = 16_384;

    private record Command(Codifier rule, AlertCommand command) {
    }

    private final AlertEngine engine;
    private final AlertLedger ledger;
    private final Map<String, NotificationOutbox> outboxes;
    private final DriverContext context;
    private final Clock clock;
    private final LinkedBlockingQueue<Object> work = new LinkedBlockingQueue<>();
    private final AtomicIntegerArray marked;
    private final AtomicReferenceArray<AlertStatus> sent;
    // The state behind each entry of sent: a rule whose state object is unchanged needs no new status.
    private final RuleState[] reported;
    private final RateLimitedLog failures = new RateLimitedLog(LOG, 60_000);
    private final Thread thread;
    private volatile boolean closed;
    private volatile int firing;
    private long nextSweep;

    AlertEvaluator(AlertEngine engine, AlertLedger ledger, Map<String, NotificationOutbox> outboxes,
                   DriverContext context) {
        this.engine = engine;
        this.ledger = ledger;
        this.outboxes = Map.copyOf(outboxes);
        this.context = context;
        this.clock = context.clock();
        int count = engine.rules().size();
        this.marked = new AtomicIntegerArray(count);
        this.sent = new AtomicReferenceArray<>(count);
        this.reported = new RuleState[count];
        for (int i = 0; i < count; i++) {
            refresh(i);
        }
        this.firing = engine.firing();
        this.thread = new DefaultThreadFactory("jph-" + context.codifier() + "-alerts", true).newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /** Marks rules to evaluate; called on the receive threads, so it only sets flags and wakes the thread. */
    void mark(int[] rules) {
        for (int rule : rules) {
            if (marked.compareAndSet(rule, 0, 1)) {
                work.offer(rule);
            }
        }
    }

    void command(Codifier rule, AlertCommand command) {
        work.offer(new Command(rule, command));
    }

    /** The states last sent, for the periodic report. */
    AlertStatus sent(int rule) {
        return sent.get(rule);
    }

    int firing() {
        return firing;
    }

    private void run() {
        List<Object> batch = new ArrayList<>();
        while (!closed) {
            try {
                Object first = work.poll(SWEEP_MILLIS, TimeUnit.MILLISECONDS);
                batch.clear();
                if (first != null) {
                    batch.add(first);
                    work.drainTo(batch, MAX_BATCH);
                }
                round(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // One bad round (a rule's bug) must not end alerting.
                failures.warn("round", "{} - an alert round failed: {}", context.codifier(), e.toString());
            }
        }
    }

    private void round(List<Object> batch) {
        long now = clock.millis();
        boolean active = context.active();
        Outcome out = new Outcome();
        for (Object item : batch) {
            if (item instanceof Integer rule) {
                marked.set(rule, 0);
                if (active) {
                    engine.evaluate(rule, now, out);
                    refresh(rule);
                }
            } else if (item instanceof Command command) {
                engine.command(command.rule(), command.command(), now, out);
            }
        }
        if (active && now >= nextSweep) {
            nextSweep = now + SWEEP_MILLIS;
            engine.sweep(now, out);
            for (int rule = 0; rule < reported.length; rule++) {
                refresh(rule);
            }
        }
        if (!out.isEmpty()) {
            finish(out);
        }
    }

    private void finish(Outcome out) {
        for (Outcome.Notice notice : out.notices()) {
            NotificationOutbox outbox = outboxes.get(notice.rule().outbox());
            try {
                outbox.submit(notice.notification());
            } catch (RuntimeException e) {
                failures.warn("submit", "{} - a notification for {} could not be queued: {}", context.codifier(),
                        notice.rule().code(), e.toString());
            }
        }
        if (out.isLedgerChanged()) {
            ledger.save(engine.snapshot(clock.millis()));
        }
        for (int rule = out.changed().nextSetBit(0); rule >= 0; rule = out.changed().nextSetBit(rule + 1)) {
            refresh(rule);
            context.publish(reading(engine.rules().get(rule).code(), sent.get(rule)));
        }
        int now = engine.firing();
        if (now != firing) {
            firing = now;
            context.publish(new Reading(context.codifier(), Readings.of((long) now)));
        }
    }

    // What the periodic report sends: the latest message and value too, not only the last change's.
    private void refresh(int rule) {
        RuleState state = engine.state(rule);
        if (state != reported[rule]) {
            reported[rule] = state;
            sent.set(rule, engine.status(rule));
        }
    }

    static Reading reading(Codifier rule, AlertStatus status) {
        return new Reading(rule, Readings.json(status.toJson()));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
