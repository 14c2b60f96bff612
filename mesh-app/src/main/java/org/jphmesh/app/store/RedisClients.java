package org.jphmesh.app.store;

import java.time.Duration;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;

/**
 * The one way the applications connect to the Redis latest-state cache: RESP2 (every Redis the legacy mesh
 * ran speaks it; no negotiation and no warning about it), the password from {@link RedisSettings}, and one
 * timeout for connecting and for each answer. Both connect at once and throw a {@code JedisException} when
 * Redis is away; each caller decides what that means for it.
 */
public final class RedisClients {

    private RedisClients() {
    }

    /** The Jedis facade, for commands, scans and pipelines. */
    public static Jedis jedis(RedisSettings settings, Duration timeout) {
        return new Jedis(address(settings), config(settings, timeout));
    }

    /** A bare connection: one command without loading the facade's command classes (a sensor node at start). */
    public static Connection connection(RedisSettings settings, Duration timeout) {
        return new Connection(address(settings), config(settings, timeout));
    }

    private static HostAndPort address(RedisSettings settings) {
        return new HostAndPort(settings.host(), settings.port());
    }

    private static JedisClientConfig config(RedisSettings settings, Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2)
                .connectionTimeoutMillis(millis).socketTimeoutMillis(millis);
        if (settings.password() != null) {
            config.password(settings.password());
        }
        return config.build();
    }
}
