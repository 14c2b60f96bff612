package org.jphmesh.router.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import org.jphmesh.bus.config.ConfigException;

/**
 * How many frames a link may carry out: a token bucket of {@code Burst} frames refilled at
 * {@code FramesPerSecond}. Absent means no limit.
 */
public record RateLimit(@JsonProperty("FramesPerSecond") Long framesPerSecond, @JsonProperty("Burst") Long burst) {

    public RateLimit {
        burst = burst == null && framesPerSecond != null ? Math.max(1, framesPerSecond) : burst;
    }

    public void validate(String key) {
        if (framesPerSecond == null || framesPerSecond < 1) {
            throw new ConfigException(key + ".FramesPerSecond must be at least 1, not " + framesPerSecond);
        }
        if (burst < 1) {
            throw new ConfigException(key + ".Burst must be at least 1, not " + burst);
        }
    }

    /**
     * A bucket for one link, refilled as {@code ticker} says time passes ({@link Ticker#systemTicker()} in a
     * router; a test moves its own); the router's single I/O thread is its only user, so it needs no locking.
     */
    public Bucket bucket(Ticker ticker) {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(framesPerSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(new TickerTimeMeter(ticker))
                .build();
    }

    // Bucket4j's time source, read from the router's ticker: monotonic, so a clock step neither refills nor starves.
    private record TickerTimeMeter(Ticker ticker) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            return ticker.nanoTime();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
