package org.jphmesh.router.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.bucket4j.Bucket;
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

    /** A bucket for one link; the router's single I/O thread is its only user, so it needs no locking. */
    public Bucket bucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(framesPerSecond, Duration.ofSeconds(1)))
                .build();
    }
}
