package org.jphmesh.app.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Period;
import java.util.List;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;

class RetentionTest {

    private static SensorConfig entry(String retention) {
        return ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"Q1\",\"Type\":\"Collector\",\"Sensor\":{" + retention + "}}]}", "test")
                .sensor(Codifier.of("Q1")).orElseThrow();
    }

    @Test
    void an_entry_without_retention_keeps_everything() {
        assertThat(Retention.fromEntry(entry("")).keepsEverything()).isTrue();
    }

    @Test
    void tiers_left_out_are_kept_forever_and_overrides_inherit_them() {
        Retention retention = Retention.fromEntry(entry(
                "\"Retention\":{\"Raw\":\"400d\",\"TenMinutes\":\"5y\",\"Codifiers\":{\"T1\":{\"Raw\":\"8w\"}}}"));

        assertThat(retention.defaults()).isEqualTo(new RetentionTiers(new RetentionPeriod(Period.ofDays(400)),
                new RetentionPeriod(Period.ofYears(5)), RetentionPeriod.FOREVER));
        assertThat(retention.overrides().get("T1")).isEqualTo(new RetentionTiers(new RetentionPeriod(Period.ofWeeks(8)),
                new RetentionPeriod(Period.ofYears(5)), RetentionPeriod.FOREVER));
        assertThat(retention.keepsEverything()).isFalse();
    }

    @Test
    void an_override_sets_its_codifiers_apart_from_the_default_group() {
        Retention retention = Retention.fromEntry(entry(
                "\"Retention\":{\"Raw\":\"400d\",\"Codifiers\":{\"T1\":{\"Raw\":\"30d\"},\"T2\":{\"Raw\":\"30d\"},\"T3\":{\"Hour\":\"1y\"}}}"));

        assertThat(retention.groups(RetentionTier.RAW)).containsExactly(
                new RetentionGroup(RetentionPeriod.parse("400d", "x"), List.of(), List.of("T1", "T2")),
                new RetentionGroup(RetentionPeriod.parse("30d", "x"), List.of("T1", "T2"), List.of()));
        assertThat(retention.groups(RetentionTier.HOUR)).containsExactly(
                new RetentionGroup(RetentionPeriod.FOREVER, List.of(), List.of("T3")),
                new RetentionGroup(RetentionPeriod.parse("1y", "x"), List.of("T3"), List.of()));
    }

    @Test
    void a_bad_period_is_refused_naming_its_key() {
        assertThatThrownBy(() -> Retention.fromEntry(entry("\"Retention\":{\"Raw\":\"13 months\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.Retention.Raw");
        assertThatThrownBy(() -> Retention.fromEntry(entry("\"Retention\":{\"Codifiers\":{\"T1\":{\"Hour\":\"0d\"}}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.Retention.Codifiers.T1.Hour");
    }

    @Test
    void an_unknown_key_or_codifier_is_refused_naming_it() {
        assertThatThrownBy(() -> Retention.fromEntry(entry("\"Retention\":{\"Rwa\":\"30d\"}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.Retention.Rwa");
        assertThatThrownBy(() -> Retention.fromEntry(entry("\"Retention\":{\"Codifiers\":{\"T12\":{\"Raw\":\"30d\"}}}")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Sensors (Q1).Sensor.Retention.Codifiers.T12");
    }
}
