package org.jphmesh.app.retention;

/** A kind of stored data with a retention of its own: its key in config.json and, for rollups, its {@code period}. */
public enum RetentionTier {
    RAW("Raw", null),
    TEN_MINUTES("TenMinutes", "10min"),
    HOUR("Hour", "hour");

    private final String key;
    private final String rollupPeriod;

    RetentionTier(String key, String rollupPeriod) {
        this.key = key;
        this.rollupPeriod = rollupPeriod;
    }

    /** The key in {@code Sensor.Retention}. */
    public String key() {
        return key;
    }

    /** The {@code reading_rollup.period} of a rollup tier; null for the raw readings. */
    public String rollupPeriod() {
        return rollupPeriod;
    }
}
