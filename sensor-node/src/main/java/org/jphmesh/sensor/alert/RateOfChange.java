package org.jphmesh.sensor.alert;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.OptionalDouble;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;

/**
 * {@code "Rate": "W1", "Per": 60, "Above": 5}: holds when W1 rose faster than 5 units a minute over the last 60 s
 * ({@code "Below": -5}: fell faster than 5 a minute), from the readings heard in that window. Fewer than two
 * readings in the window say nothing, so it is clear.
 */
final class RateOfChange implements Condition {

    private record Sample(long atMillis, double value) {
    }

    // More samples than a window can usefully hold (a reading every 10 ms for a minute) are thinned out.
    private static final int MAX_SAMPLES = 6_000;

    private final Codifier watched;
    private final Duration per;
    private final Double above;
    private final Double below;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private long lastSampled = HeardFrames.NEVER;

    RateOfChange(Codifier watched, Duration per, Double above, Double below) {
        this.watched = watched;
        this.per = per;
        this.above = above;
        this.below = below;
    }

    @Override
    public Observation observe(MeshWatch watch, long engagedSince, long nowMillis) {
        long last = watch.heard().lastReading(watched);
        OptionalDouble value = watch.latest().get(watched);
        if (last == HeardFrames.NEVER || value.isEmpty()) {
            return Observation.unheard("no value heard from " + watched);
        }
        if (last != lastSampled) {
            lastSampled = last;
            if (samples.size() >= MAX_SAMPLES) {
                samples.pollFirst();
            }
            samples.addLast(new Sample(last, value.getAsDouble()));
        }
        while (samples.size() > 1 && samples.peekFirst().atMillis() < nowMillis - per.toMillis()) {
            samples.pollFirst();
        }
        if (samples.size() < 2 || samples.peekFirst().atMillis() < nowMillis - per.toMillis()) {
            return Observation.clear(Double.NaN, watched + ": too few readings in the last " + per.toSeconds() + " s");
        }
        Sample first = samples.peekFirst();
        Sample newest = samples.peekLast();
        double perMinute = (newest.value() - first.value()) * 60_000.0 / Math.max(1, newest.atMillis() - first.atMillis());
        String message = watched + " changes " + Threshold.format(perMinute) + " a minute (over "
                + (newest.atMillis() - first.atMillis()) / 1000 + " s)";
        boolean holds = above != null && perMinute > above || below != null && perMinute < below;
        return holds ? Observation.holds(perMinute, message) : Observation.clear(perMinute, message);
    }

    @Override
    public Set<Codifier> triggers() {
        return Set.of(watched);
    }

    @Override
    public boolean timed() {
        return true;
    }
}
