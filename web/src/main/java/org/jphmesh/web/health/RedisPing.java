package org.jphmesh.web.health;

import java.time.Duration;
import org.jphmesh.app.store.RedisSettings;
import redis.clients.jedis.Jedis;

/** Redis is up when a fresh connection answers PING with PONG within the budget (connect and read alike). */
public final class RedisPing implements HealthProbe.Check {

    private final RedisSettings settings;
    private final int timeoutMillis;

    public RedisPing(RedisSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeoutMillis = Math.toIntExact(timeout.toMillis());
    }

    @Override
    public boolean up() {
        try (Jedis jedis = new Jedis(settings.host(), settings.port(), timeoutMillis)) {
            if (settings.password() != null) {
                jedis.auth(settings.password());
            }
            return "PONG".equals(jedis.ping());
        }
    }
}
