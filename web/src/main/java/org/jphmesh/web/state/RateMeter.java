package org.jphmesh.web.state;

/** Events per second over the last minute, in one-second buckets: enough for a "readings/s" column. */
final class RateMeter {

    private static final int SECONDS = 60;

    private final long[] counts = new long[SECONDS];
    private final long[] bucketSecond = new long[SECONDS];

    synchronized void mark(long nowMillis) {
        long second = nowMillis / 1000;
        int slot = (int) (second % SECONDS);
        if (bucketSecond[slot] != second) {
            bucketSecond[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    synchronized double perSecond(long nowMillis) {
        long now = nowMillis / 1000;
        long total = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (now - bucketSecond[i] < SECONDS) {
                total += counts[i];
            }
        }
        return total / (double) SECONDS;
    }
}
