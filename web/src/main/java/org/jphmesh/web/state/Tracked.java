package org.jphmesh.web.state;

/** What the dashboard knows of one codifier, as a sensor and as a node; guarded by its own monitor. */
final class Tracked {

    final RateMeter readings = new RateMeter();
    Double value;
    String text;
    Long readingAt;
    Long sequence;
    Long aliveAt;
    Boolean active;
    Double pingRttMs;
    Long pingAt;
    boolean sentData;

    synchronized void reading(Double newValue, String newText, long at, long seq) {
        value = newValue;
        text = newText;
        readingAt = at;
        sequence = seq;
        sentData = true;
    }

    synchronized void heard(long at) {
        if (aliveAt == null || at > aliveAt) {
            aliveAt = at;
        }
    }

    /** Returns true when the active state changed. */
    synchronized boolean alive(long at, boolean nowActive) {
        heard(at);
        boolean changed = active == null || active != nowActive;
        active = nowActive;
        return changed;
    }

    synchronized void pinged(double rttMs, long at) {
        pingRttMs = rttMs;
        pingAt = at;
    }

    /** Fills in what was stored before start, never overriding what was heard since. */
    synchronized void seed(SeededState seeded) {
        if (readingAt == null && seeded.readingAt() != null) {
            value = seeded.value();
            text = seeded.text();
            readingAt = seeded.readingAt();
            sentData = true;
        }
        if (aliveAt == null && seeded.aliveAt() != null) {
            aliveAt = seeded.aliveAt();
            active = seeded.active();
        }
    }
}
