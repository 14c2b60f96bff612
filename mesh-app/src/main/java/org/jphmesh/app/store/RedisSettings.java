package org.jphmesh.app.store;

import java.util.List;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.SecretFile;
import org.jphmesh.bus.config.SensorConfig;

/**
 * Where the Redis latest-state cache is: an entry's {@code Sensor.Redis} block ({@code Host}, default
 * 127.0.0.1; {@code Port}, 6379; {@code PasswordFile}; {@code KeyPrefix}, default empty, which is the
 * legacy layout of one hash per bare codifier). The legacy jphRedis entry has no block: all defaults.
 *
 * <p>Under Redis Sentinel, {@code Sentinels} lists the sentinels' {@code host:port} and {@code Master} the name they
 * watch; {@code Host} and {@code Port} are then unused: the master is whichever the sentinels name.
 *
 * @param sentinels the sentinels' {@code host:port}; empty for one Redis at {@code host:port}
 * @param master    the master's name under the sentinels; null without them
 */
public record RedisSettings(String host, int port, String password, String keyPrefix, List<String> sentinels, String master) {

    public static final RedisSettings LEGACY_DEFAULT = new RedisSettings("127.0.0.1", 6379, null, "");

    public RedisSettings(String host, int port, String password, String keyPrefix) {
        this(host, port, password, keyPrefix, List.of(), null);
    }

    public RedisSettings {
        if (port < 1 || port > 65535) {
            throw new ConfigException("Redis port must be 1..65535, not " + port);
        }
        keyPrefix = keyPrefix == null ? "" : keyPrefix;
        sentinels = List.copyOf(sentinels);
        requireHostPorts(sentinels, "Redis Sentinels");
        if (sentinels.isEmpty() != (master == null)) {
            throw new ConfigException("Redis Sentinels and Master go together: the sentinels, and the name of the master they watch");
        }
    }

    public static RedisSettings fromEntry(SensorConfig entry) {
        if (!entry.sensor().has("Redis")) {
            return LEGACY_DEFAULT;
        }
        ConfigBlock redis = ConfigBlock.of(entry).child("Redis");
        String password = redis.optionalText("PasswordFile")
                .map(file -> SecretFile.firstLine(file, redis.label() + ".PasswordFile")).orElse(null);
        List<String> sentinels = redis.texts("Sentinels");
        String master = redis.optionalText("Master").orElse(null);
        if (sentinels.isEmpty() != (master == null)) {
            throw new ConfigException(redis.label() + (master == null ? ".Master is missing: it names the master the Sentinels watch"
                    : ".Sentinels is missing: Master names a master under Redis Sentinel"));
        }
        requireHostPorts(sentinels, redis.label() + ".Sentinels");
        return new RedisSettings(redis.text("Host", "127.0.0.1"), redis.port("Port", 6379), password,
                redis.text("KeyPrefix", ""), sentinels, master);
    }

    private static void requireHostPorts(List<String> sentinels, String key) {
        for (String sentinel : sentinels) {
            if (!sentinel.matches("[A-Za-z0-9.\\-]+:[0-9]{1,5}")) {
                throw new ConfigException(key + " must list host:port, not '" + sentinel + "'");
            }
        }
    }

    /** True under Redis Sentinel. */
    public boolean sentineled() {
        return master != null;
    }

    /** Where the data is, for messages: the master's name and its sentinels, or host:port. */
    public String describe() {
        return sentineled() ? "master '" + master + "' of sentinels " + String.join(",", sentinels) : host + ":" + port;
    }

    @Override
    public String toString() {
        return "RedisSettings[" + describe() + ", prefix '" + keyPrefix + "', password " + (password == null ? "none" : "****") + "]";
    }
}
