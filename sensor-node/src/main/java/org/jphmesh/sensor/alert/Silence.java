package org.jphmesh.sensor.alert;

import java.time.Duration;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;

/**
 * {@code "Stale": "G1", "After": 30}: holds when no reading of G1 was heard for {@code After}; with {@code "Alive": true}
 * when nothing at all was heard from G1's node (its readings, its proxies' readings, its {@code I}, {@code N} and pongs).
 * Once it held, one reading is not enough to let go: a blip in a dying link must not reset a running {@code For}, so
 * it clears when two have come since it began to hold and the last is fresh.
 */
final class Silence implements Condition {

    private static final int READINGS_TO_CLEAR = 2;

    private final Codifier watched;
    private final Duration after;
    private final boolean alive;
    private long engagedAt = HeardFrames.NEVER;
    private long countAtEngage;

    Silence(Codifier watched, Duration after, boolean alive) {
        this.watched = watched;
        this.after = after;
        this.alive = alive;
    }

    @Override
    public Observation observe(MeshWatch watch, long engagedSince, long nowMillis) {
        HeardFrames heard = watch.heard();
        long last = alive ? heard.lastFromNode(watched) : heard.lastReading(watched);
        long count = alive ? heard.nodeFrameCount(watched) : heard.readingCount(watched);
        String what = alive ? "nothing from " + heard.nodeOf(watched) : "no reading of " + watched;
        if (last == HeardFrames.NEVER) {
            return Observation.unheard(what + " heard since the alerts node started");
        }
        long silentMillis = Math.max(0, nowMillis - last);
        double silentSeconds = silentMillis / 1000.0;
        boolean fresh = silentMillis < after.toMillis();
        if (engagedSince == HeardFrames.NEVER) {
            engagedAt = HeardFrames.NEVER;
            return fresh ? Observation.clear(silentSeconds, (alive ? heard.nodeOf(watched) + " last heard "
                    : watched + " last read ") + ago(silentMillis) + " ago")
                    : Observation.holds(silentSeconds, what + " for " + ago(silentMillis));
        }
        if (engagedAt != engagedSince) {
            // The count when the silence began (or, after a restart, now): what "readings came again" is counted from.
            engagedAt = engagedSince;
            countAtEngage = count;
        }
        if (fresh && count - countAtEngage >= READINGS_TO_CLEAR) {
            return Observation.clear(silentSeconds, (alive ? heard.nodeOf(watched) + " is heard" : watched + " reads")
                    + " again");
        }
        return Observation.holds(silentSeconds, fresh ? what + " for a while; heard again, waiting for more"
                : what + " for " + ago(silentMillis));
    }

    private static String ago(long millis) {
        long seconds = millis / 1000;
        return seconds < 120 ? seconds + " s" : seconds < 7200 ? seconds / 60 + " min" : seconds / 3600 + " h";
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
