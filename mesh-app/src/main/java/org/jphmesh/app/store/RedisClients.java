package org.jphmesh.app.store;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisSentinelPool;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The one way the applications connect to the Redis latest-state cache: RESP2 (every Redis the legacy mesh
 * ran speaks it; no negotiation and no warning about it), the password from {@link RedisSettings}, and one
 * timeout for connecting and for each answer. Both connect at once and throw a {@code JedisException} when
 * Redis is away; each caller decides what that means for it. Under Redis Sentinel they connect to the master the
 * first answering sentinel names; a long-lived writer uses {@link #sentinelPool}, which follows failovers.
 */
public final class RedisClients {

    private RedisClients() {
    }

    /** The Jedis facade, for commands, scans and pipelines. */
    public static Jedis jedis(RedisSettings settings, Duration timeout) {
        return new Jedis(address(settings, timeout), config(settings, timeout));
    }

    /** A bare connection: one command without loading the facade's command classes (a sensor node at start). */
    public static Connection connection(RedisSettings settings, Duration timeout) {
        return new Connection(address(settings, timeout), config(settings, timeout));
    }

    /** Jedis's sentinel client: a pool of connections to the master, told of each failover by the sentinels. */
    public static JedisSentinelPool sentinelPool(RedisSettings settings, Duration timeout) {
        if (!settings.sentineled()) {
            throw new IllegalArgumentException("no Sentinels in " + settings);
        }
        return new JedisSentinelPool(settings.master(), sentinels(settings), config(settings, timeout), sentinelConfig(timeout));
    }

    private static HostAndPort address(RedisSettings settings, Duration timeout) {
        return settings.sentineled() ? masterOf(settings, timeout) : new HostAndPort(settings.host(), settings.port());
    }

    // SENTINEL GET-MASTER-ADDR-BY-NAME on each sentinel in turn: one that is down or does not know the master is skipped.
    private static HostAndPort masterOf(RedisSettings settings, Duration timeout) {
        JedisException last = null;
        for (HostAndPort sentinel : sentinels(settings)) {
            try (Connection connection = new Connection(sentinel, sentinelConfig(timeout))) {
                List<String> address = connection.executeCommand(new CommandObject<>(new CommandArguments(Protocol.Command.SENTINEL)
                        .add(Protocol.SentinelKeyword.GET_MASTER_ADDR_BY_NAME).add(settings.master()), BuilderFactory.STRING_LIST));
                if (address != null && address.size() == 2) {
                    return new HostAndPort(address.get(0), Integer.parseInt(address.get(1)));
                }
                last = new JedisConnectionException("sentinel " + sentinel + " does not know master '" + settings.master() + "'");
            } catch (JedisException e) {
                last = e;
            }
        }
        throw new JedisConnectionException("no sentinel named the master (" + settings.describe() + "): "
                + (last == null ? "none listed" : last.getMessage()), last);
    }

    private static Set<HostAndPort> sentinels(RedisSettings settings) {
        Set<HostAndPort> sentinels = new LinkedHashSet<>();
        settings.sentinels().forEach(sentinel -> sentinels.add(HostAndPort.from(sentinel)));
        return sentinels;
    }

    private static JedisClientConfig sentinelConfig(Duration timeout) {
        int millis = Math.toIntExact(timeout.toMillis());
        return DefaultJedisClientConfig.builder().protocol(RedisProtocol.RESP2).connectionTimeoutMillis(millis)
                .socketTimeoutMillis(millis).build();
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
