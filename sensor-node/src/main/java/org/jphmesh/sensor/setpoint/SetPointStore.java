package org.jphmesh.sensor.setpoint;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jphmesh.app.files.AtomicFile;
import org.jphmesh.app.store.RedisClients;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.app.store.StateHashFields;
import org.jphmesh.bus.json.JsonTree;
import org.jphmesh.bus.transport.NetworkGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.BuilderFactory;
import redis.clients.jedis.CommandArguments;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.Connection;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Where a set-point outlives a reload and a restart. The legacy controlSensor started from its Redis hash's
 * {@code Value} (which the collector keeps from its readings); this one also keeps a small file of its own,
 * written atomically on every change, so a thermostat remembers its target after a power cut even without
 * Redis. At start the newer of the two wins: the file is written before the reading is sent, Redis after the
 * collector hears it, and a node moved to another host finds Redis newer than an old file there.
 */
final class SetPointStore {

    private static final Logger LOG = LoggerFactory.getLogger(SetPointStore.class);
    private static final Duration REDIS_TIMEOUT = Duration.ofMillis(500);

    /** A set-point and when it was set, epoch milliseconds. */
    record Saved(double value, long atMillis, String from) {
    }

    private final String codifier;
    private final Path file;
    private final RedisSettings redis;

    SetPointStore(String codifier, Path file, RedisSettings redis) {
        this.codifier = codifier;
        this.file = file;
        this.redis = redis;
    }

    /** The newest set-point kept, if any. */
    Optional<Saved> load() {
        Optional<Saved> own = fromFile();
        Optional<Saved> cached = fromRedis();
        if (own.isPresent() && cached.isPresent()) {
            return Optional.of(cached.get().atMillis() > own.get().atMillis() ? cached.get() : own.get());
        }
        return own.isPresent() ? own : cached;
    }

    /** Keeps {@code value}: a new file replaces the old one in one step, so a crash leaves one or the other. */
    void save(double value, long atMillis) {
        try {
            AtomicFile.write(file, ("{\"value\":" + value + ",\"at\":" + atMillis + "}\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            LOG.warn("{} - the set-point {} is not kept in {} ({}); a restart starts from Redis or Default", codifier,
                    value, file, e.toString());
        }
    }

    private Optional<Saved> fromFile() {
        try {
            JsonNode saved = JsonTree.read(Files.readString(file, StandardCharsets.UTF_8));
            if (saved != null && saved.path("value").isNumber() && saved.path("at").isNumber()) {
                return Optional.of(new Saved(saved.get("value").asDouble(), saved.get("at").asLong(), file.toString()));
            }
            LOG.warn("{} - {} holds no set-point; ignored", codifier, file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} - {} cannot be read ({}); ignored", codifier, file, e.toString());
        }
        return Optional.empty();
    }

    private Optional<Saved> fromRedis() {
        List<String> contacted = redis.sentineled() ? redis.sentinels() : List.of(redis.host() + ":" + redis.port());
        if (contacted.stream().anyMatch(address -> NetworkGuard.refusal(URI.create("redis://" + address)).isPresent())) {
            return Optional.empty();
        }
        // A bare Connection, not the Jedis facade: one command at start, without loading its ~270 command classes.
        try (Connection connection = RedisClients.connection(redis, REDIS_TIMEOUT)) {
            Map<String, String> hash = connection.executeCommand(new CommandObject<>(
                    new CommandArguments(Protocol.Command.HGETALL).key(redis.keyPrefix() + codifier), BuilderFactory.STRING_MAP));
            OptionalDouble value = StateHashFields.value(hash.get("Value"));
            long at = StateHashFields.millis(hash.get("DTimestamp")).orElse(0);
            return value.isPresent() && Double.isFinite(value.getAsDouble())
                    ? Optional.of(new Saved(value.getAsDouble(), at, "Redis " + redis.describe()))
                    : Optional.empty();
        } catch (JedisException e) {
            LOG.debug("{} - no set-point from Redis {}: {}", codifier, redis.describe(), e.toString());
            return Optional.empty();
        }
    }
}
