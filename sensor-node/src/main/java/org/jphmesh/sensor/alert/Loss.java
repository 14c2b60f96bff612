package org.jphmesh.sensor.alert;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.sequence.SequenceStats;

/**
 * {@code "Loss": "G1", "Window": 300, "Above": 2}: holds when more than 2 % of G1's readings were lost in the last
 * 300 s, from the node's sequence accounting (the same counts the collector and the dashboard show), sampled at each
 * evaluation.
 */
final class Loss implements Condition {

    private record Sample(long atMillis, long received, long lost) {
    }

    private static final long MIN_SAMPLE_GAP_MILLIS = 1_000;

    private final Codifier watched;
    private final Duration window;
    private final double abovePercent;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();

    Loss(Codifier watched, Duration window, double abovePercent) {
        this.watched = watched;
        this.window = window;
        this.abovePercent = abovePercent;
    }

    @Override
    public Observation observe(MeshWatch watch, long engagedSince, long nowMillis) {
        Optional<SequenceStats> stats = watch.sequence().apply(watched);
        if (stats.isEmpty()) {
            return Observation.unheard("no reading of " + watched + " heard");
        }
        if (samples.isEmpty() || nowMillis - samples.peekLast().atMillis() >= MIN_SAMPLE_GAP_MILLIS) {
            samples.addLast(new Sample(nowMillis, stats.get().received(), stats.get().lost()));
        }
        // Keep one sample at or before the window's start, so the window is whole once it has been running.
        while (samples.size() > 2 && second().atMillis() <= nowMillis - window.toMillis()) {
            samples.pollFirst();
        }
        Sample first = samples.peekFirst();
        long received = stats.get().received() - first.received();
        long lost = stats.get().lost() - first.lost();
        if (received + lost <= 0) {
            return Observation.clear(0, "no readings of " + watched + " in the last " + window.toSeconds() + " s");
        }
        double percent = lost * 100.0 / (received + lost);
        String message = watched + " lost " + Threshold.format(percent) + " % (" + lost + " of " + (received + lost)
                + ") in " + Math.max(1, (nowMillis - first.atMillis()) / 1000) + " s";
        return percent > abovePercent ? Observation.holds(percent, message) : Observation.clear(percent, message);
    }

    private Sample second() {
        Iterator<Sample> it = samples.iterator();
        it.next();
        return it.next();
    }

    @Override
    public Set<Codifier> triggers() {
        return Set.of();
    }

    @Override
    public Set<Codifier> inputs() {
        return Set.of(watched);
    }

    @Override
    public boolean timed() {
        return true;
    }
}
