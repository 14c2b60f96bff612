package org.jphmesh.app.store;

import java.time.Duration;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A long-lived writer's connection to wherever Redis takes writes now: the one Redis, or under Sentinel the master
 * Jedis's sentinel client follows. Opened on first use, so a writer starts while Redis is away; after a failure
 * the writer {@link #drop}s it and the next use connects afresh, to the new master after a failover.
 * Not thread-safe: one writing thread owns it.
 */
public final class RedisMaster implements AutoCloseable {

    private final RedisSettings settings;
    private final Duration timeout;
    private JedisSentinelPool pool;
    private Jedis jedis;
    private String connectedTo;

    public RedisMaster(RedisSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
    }

    /** The connection to the current master; a new one when the sentinels moved the master since it was opened. */
    public Jedis jedis() {
        if (settings.sentineled() && pool == null) {
            pool = RedisClients.sentinelPool(settings, timeout);
        }
        String current = address();
        if (jedis != null && !current.equals(connectedTo)) {
            drop();
        }
        if (jedis == null) {
            jedis = pool != null ? pool.getResource() : RedisClients.jedis(settings, timeout);
            connectedTo = current;
        }
        return jedis;
    }

    /** Where writes go now ({@code host:port}); under Sentinel, as the sentinels last said. */
    public String address() {
        return pool != null ? pool.getCurrentHostMaster().toString() : settings.host() + ":" + settings.port();
    }

    /** Closes the connection after a failure; the next {@link #jedis()} opens another. */
    public void drop() {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (JedisException e) {
                // Already broken: closing it is all that was left to do.
            }
            jedis = null;
        }
    }

    @Override
    public void close() {
        drop();
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
