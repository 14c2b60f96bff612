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
    long lostSeen;
    SensorStatus lastStatus;
    boolean sentData;
    boolean collectorOutage;

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

    /** Records the status last told to listeners; true when it differs from the one before. */
    synchronized boolean statusChanged(SensorStatus status) {
        boolean changed = lastStatus != status;
        lastStatus = status;
        return changed;
    }

    synchronized void pinged(double rttMs, long at) {
        pingRttMs = rttMs;
        pingAt = at;
    }
}
