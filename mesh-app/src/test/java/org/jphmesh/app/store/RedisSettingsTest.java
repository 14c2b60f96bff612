package org.jphmesh.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;

class RedisSettingsTest {

    private static SensorConfig entry(String redis) {
        return ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"Q1\",\"Type\":\"Collector\",\"Sensor\":{\"Redis\":{"
                + redis + "}}}]}", "test").sensor(Codifier.of("Q1")).orElseThrow();
    }

    @Test
    void sentinels_and_master_name_where_the_data_is() {
        RedisSettings settings = RedisSettings.fromEntry(entry("\"Sentinels\":[\"10.0.0.5:26379\",\"10.0.0.6:26379\"],\"Master\":\"jph\""));

        assertThat(settings.sentineled()).isTrue();
        assertThat(settings.sentinels()).containsExactly("10.0.0.5:26379", "10.0.0.6:26379");
        assertThat(settings.describe()).isEqualTo("master 'jph' of sentinels 10.0.0.5:26379,10.0.0.6:26379");
    }

    @Test
    void one_redis_is_host_and_port_as_before() {
        RedisSettings settings = RedisSettings.fromEntry(entry("\"Host\":\"10.0.0.5\",\"Port\":6380"));

        assertThat(settings.sentineled()).isFalse();
        assertThat(settings.sentinels()).isEmpty();
        assertThat(settings.describe()).isEqualTo("10.0.0.5:6380");
        assertThat(new RedisSettings("127.0.0.1", 6379, null, "p:")).isEqualTo(new RedisSettings("127.0.0.1", 6379, null, "p:", List.of(), null));
    }

    @Test
    void sentinels_without_a_master_a_master_without_sentinels_and_a_bad_sentinel_are_refused_naming_the_key() {
        assertThatThrownBy(() -> RedisSettings.fromEntry(entry("\"Sentinels\":\"10.0.0.5:26379\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.Redis.Master is missing");
        assertThatThrownBy(() -> RedisSettings.fromEntry(entry("\"Master\":\"jph\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.Redis.Sentinels is missing");
        assertThatThrownBy(() -> RedisSettings.fromEntry(entry("\"Sentinels\":\"10.0.0.5\",\"Master\":\"jph\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.Redis.Sentinels must list host:port");
    }
}
