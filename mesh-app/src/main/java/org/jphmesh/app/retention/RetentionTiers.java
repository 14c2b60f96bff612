package org.jphmesh.app.retention;

import java.util.Objects;

/** How long each kind of data is kept: the raw readings, the 10-minute rollups and the hourly rollups. */
public record RetentionTiers(RetentionPeriod raw, RetentionPeriod tenMinutes, RetentionPeriod hour) {

    public static final RetentionTiers FOREVER = new RetentionTiers(RetentionPeriod.FOREVER, RetentionPeriod.FOREVER,
            RetentionPeriod.FOREVER);

    public RetentionTiers {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(tenMinutes, "tenMinutes");
        Objects.requireNonNull(hour, "hour");
    }

    /** The period of {@code tier}. */
    public RetentionPeriod of(RetentionTier tier) {
        return switch (tier) {
            case RAW -> raw;
            case TEN_MINUTES -> tenMinutes;
            case HOUR -> hour;
        };
    }
}
