package org.jphmesh.web.state;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.jphmesh.app.store.RedisClients;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.app.store.StateHashFields;
import org.jphmesh.bus.frame.Codifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Fills the view at start from the collector's latest-state hashes, so tiles show the last value at once
 * instead of waiting a {@code SensorInterval}. Best effort: without Redis the tiles fill from the bus.
 */
public final class RedisSeed {

    private static final Logger LOG = LoggerFactory.getLogger(RedisSeed.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private RedisSeed() {
    }

    /** Returns how many codifiers were seeded, or -1 when Redis did not answer. */
    public static int seed(MeshView view, RedisSettings settings) {
        try (Jedis jedis = RedisClients.jedis(settings, TIMEOUT)) {
            int seeded = 0;
            String cursor = ScanParams.SCAN_POINTER_START;
            ScanParams match = new ScanParams().match(escape(settings.keyPrefix()) + "??").count(500);
            do {
                ScanResult<String> page = jedis.scan(cursor, match);
                for (String key : page.getResult()) {
                    String code = key.substring(settings.keyPrefix().length());
                    if (seedOne(view, code, jedis.hgetAll(key))) {
                        seeded++;
                    }
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            return seeded;
        } catch (RuntimeException e) {
            LOG.warn("Redis {}:{} did not answer ({}); tiles fill from the bus", settings.host(), settings.port(), e.getMessage());
            return -1;
        }
    }

    private static boolean seedOne(MeshView view, String code, Map<String, String> fields) {
        Codifier codifier;
        try {
            codifier = Codifier.of(code);
        } catch (IllegalArgumentException e) {
            return false;
        }
        Optional<SeededState> state = stateOf(fields);
        state.ifPresent(seeded -> view.seed(codifier, seeded));
        return state.isPresent();
    }

    /** What a latest-state hash says, in the collector's jphRedis layout; empty when it is not one (no {@code Codifier}). */
    static Optional<SeededState> stateOf(Map<String, String> fields) {
        if (!fields.containsKey("Codifier")) {
            return Optional.empty();
        }
        String raw = fields.get("Value");
        OptionalDouble value = StateHashFields.value(raw);
        return Optional.of(new SeededState(value.isPresent() ? value.getAsDouble() : null, value.isPresent() ? null : raw,
                boxed(StateHashFields.millis(fields.get("DTimestamp"))), boxed(StateHashFields.millis(fields.get("ITimestamp"))),
                fields.containsKey("IsActive") ? "True".equals(fields.get("IsActive")) : null));
    }

    private static Long boxed(OptionalLong millis) {
        return millis.isPresent() ? millis.getAsLong() : null;
    }

    // SCAN patterns are globs: a prefix with * ? [ ] \ must match literally.
    private static String escape(String prefix) {
        return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }
}
