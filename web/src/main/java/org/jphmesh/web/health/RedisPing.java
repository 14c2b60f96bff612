package org.jphmesh.web.health;

import java.time.Duration;
import org.jphmesh.app.store.RedisClients;
import org.jphmesh.app.store.RedisSettings;
import redis.clients.jedis.Jedis;

/** Redis is up when a fresh connection answers PING with PONG within the budget (connect and read alike). */
public final class RedisPing implements HealthProbe.Check {

    private final RedisSettings settings;
    private final Duration timeout;

    public RedisPing(RedisSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    @Override
    public boolean up() {
        try (Jedis jedis = RedisClients.jedis(settings, timeout)) {
            return "PONG".equals(jedis.ping());
        }
    }
}
