package org.jphmesh.app.store;

import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SecretFile;
import org.jphmesh.bus.config.SensorConfig;

/**
 * Where the Redis latest-state cache is: an entry's {@code Sensor.Redis} block ({@code Host}, default
 * 127.0.0.1; {@code Port}, 6379; {@code PasswordFile}; {@code KeyPrefix}, default empty, which is the
 * legacy layout of one hash per bare codifier). The legacy jphRedis entry has no block: all defaults.
 */
public record RedisSettings(String host, int port, String password, String keyPrefix) {

    public static final RedisSettings LEGACY_DEFAULT = new RedisSettings("127.0.0.1", 6379, null, "");

    public RedisSettings {
        if (port < 1 || port > 65535) {
            throw new ConfigException("Redis port must be 1..65535, not " + port);
        }
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    public static RedisSettings fromEntry(SensorConfig entry) {
        if (!entry.sensor().has("Redis")) {
            return LEGACY_DEFAULT;
        }
        ConfigBlock redis = ConfigBlock.of(entry).child("Redis");
        String password = redis.optionalText("PasswordFile")
                .map(file -> SecretFile.firstLine(file, redis.label() + ".PasswordFile")).orElse(null);
        return new RedisSettings(redis.text("Host", "127.0.0.1"), redis.port("Port", 6379), password,
                redis.text("KeyPrefix", ""));
    }

    @Override
    public String toString() {
        return "RedisSettings[" + host + ":" + port + ", prefix '" + keyPrefix + "', password " + (password == null ? "none" : "****") + "]";
    }
}
