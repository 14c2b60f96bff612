package org.jphmesh.bus.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Where the Redis latest-state cache is: an entry's {@code Sensor.Redis} block ({@code Host}, default
 * 127.0.0.1; {@code Port}, 6379; {@code PasswordFile}; {@code KeyPrefix}, default empty, which is the
 * legacy layout of one hash per bare codifier). The legacy jphRedis entry has no block: all defaults.
 */
public record RedisSettings(String host, int port, String password, String keyPrefix) {

    public RedisSettings {
        if (port < 1 || port > 65535) {
            throw new ConfigException("Redis port must be 1..65535, not " + port);
        }
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    public static RedisSettings fromEntry(SensorConfig entry) {
        JsonNode redis = entry.sensor().path("Redis");
        String label = "Sensors (" + entry.codifier() + ").Sensor.Redis";
        String password = redis.hasNonNull("PasswordFile")
                ? SqlSettings.readPassword(redis.get("PasswordFile").asText(), label + ".PasswordFile") : null;
        return new RedisSettings(redis.path("Host").asText("127.0.0.1"), redis.path("Port").asInt(6379), password,
                redis.path("KeyPrefix").asText(""));
    }

    @Override
    public String toString() {
        return "RedisSettings[" + host + ":" + port + ", prefix '" + keyPrefix + "', password " + (password == null ? "none" : "****") + "]";
    }
}
