package org.jphmesh.web.state;

/** What a tile says about a sensor, worst first. */
public enum SensorStatus {
    /** Never heard since the dashboard started and nothing in Redis. */
    UNKNOWN,
    /** Its node said it is halted (alive frame with active=false). */
    HALTED,
    /** Nothing from its node for longer than {@code KeepAliveInterval} (plus a grace for jitter). */
    DOWN,
    /**
     * A tool heard and gone (a {@code jph-control} that pinged, a console): it never sent a reading and is not meant
     * to run all the time, so its silence is not a node down. Nodes page only.
     */
    SEEN,
    /** Its node is alive, but no reading within {@code TimeoutWarning}. */
    STALE,
    /** A reading within {@code TimeoutWarning}. */
    OK;

    /** Alive frames come every KeepAliveInterval exactly; this much jitter does not make a node DOWN. */
    static final long DOWN_GRACE_MILLIS = 2_000;

    /** The status at {@code now} from the last reading, the node's last frame and its active flag (null: never heard). */
    static SensorStatus of(long now, Long readingAt, Long aliveAt, Boolean active, long timeoutMs, long keepAliveMs) {
        if (readingAt == null && aliveAt == null) {
            return UNKNOWN;
        }
        long lastHeard = Math.max(readingAt == null ? Long.MIN_VALUE : readingAt, aliveAt == null ? Long.MIN_VALUE : aliveAt);
        // Silence wins over the last word: a halted node keeps sending alive frames, a dead one does not.
        if (now - lastHeard > keepAliveMs + DOWN_GRACE_MILLIS) {
            return DOWN;
        }
        if (Boolean.FALSE.equals(active)) {
            return HALTED;
        }
        return readingAt != null && now - readingAt <= timeoutMs ? OK : STALE;
    }
}
