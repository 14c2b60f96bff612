package org.jphmesh.app.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;

class SqlSettingsTest {

    private static SensorConfig entry(String sql) {
        return ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"Q1\",\"Type\":\"Collector\",\"Sensor\":{\"SQL\":{"
                + "\"Database\":\"jph\",\"User\":\"jph\"" + sql + "}}}]}", "test").sensor(Codifier.of("Q1")).orElseThrow();
    }

    @Test
    void one_host_gives_the_plain_url_it_always_gave() {
        SqlSettings settings = SqlSettings.fromEntry(entry(",\"Host\":\"db.lan\",\"Port\":5433"));

        assertThat(settings.url()).isEqualTo("jdbc:postgresql://db.lan:5433/jph");
        assertThat(settings.readsFromReplicas()).isFalse();
        assertThat(settings.forReads().url()).isEqualTo(settings.url());
    }

    @Test
    void several_hosts_connect_to_whichever_is_the_primary() {
        assertThat(SqlSettings.fromEntry(entry(",\"Host\":\"db1:5432,db2\",\"Port\":5433")).url())
                .isEqualTo("jdbc:postgresql://db1:5432,db2:5433/jph?targetServerType=primary");
        assertThat(SqlSettings.fromEntry(entry(",\"Host\":[\"10.0.0.1:5432\",\"[::1]:5434\"]")).url())
                .isEqualTo("jdbc:postgresql://10.0.0.1:5432,[::1]:5434/jph?targetServerType=primary");
    }

    @Test
    void history_reads_prefer_the_read_hosts_and_fall_back_to_the_primary() {
        SqlSettings settings = SqlSettings.fromEntry(entry(",\"Host\":\"db1,db2\",\"ReadHosts\":[\"db2\",\"db3:6432\"]"));

        assertThat(settings.readsFromReplicas()).isTrue();
        assertThat(settings.forReads().url())
                .isEqualTo("jdbc:postgresql://db2:5432,db3:6432,db1:5432/jph?targetServerType=preferSecondary&loadBalanceHosts=true");
    }

    @Test
    void a_bad_host_or_port_is_refused_naming_the_key() {
        assertThatThrownBy(() -> SqlSettings.fromEntry(entry(",\"Host\":\"db1,db?x=1\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.SQL.Host").hasMessageContaining("db?x=1");
        assertThatThrownBy(() -> SqlSettings.fromEntry(entry(",\"ReadHosts\":\"db2:70000\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.SQL.ReadHosts");
        assertThatThrownBy(() -> SqlSettings.fromEntry(entry(",\"Host\":\"db1,,db2\"")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.SQL.Host has an empty item");
    }
}
