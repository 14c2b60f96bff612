package org.jphmesh.sensor.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.sensor.Entries;
import org.junit.jupiter.api.Test;

/** Bad rules are refused at load, naming the rule and the key. */
class RuleReaderTest {

    private static List<AlertRule> read(String... rules) {
        MeshConfig config = Entries.config("{\"Codifier\":\"AL\",\"Type\":\"Alerts\",\"Sensor\":{\"Proxy\":["
                + String.join(",", rules) + "]}}", "{\"Codifier\":\"G1\",\"Type\":\"Simulated\",\"SensorInterval\":20}");
        return new RuleReader(Entries.entry(config, "AL"), config).rules();
    }

    @Test
    void each_kind_of_rule_is_read_with_its_defaults() {
        List<AlertRule> rules = read("{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 30\",\"Clear\":\"{{G1}} < 28\",\"For\":60}",
                "{\"Codifier\":\"W2\",\"Stale\":\"G1\",\"After\":30,\"Alive\":true,\"Severity\":\"critical\"}",
                "{\"Codifier\":\"W3\",\"Rate\":\"G1\",\"Above\":5}", "{\"Codifier\":\"W4\",\"Loss\":\"G1\"}",
                "{\"Codifier\":\"W5\",\"Halted\":\"G1\",\"__comment\":\"legacy comments are allowed\"}");
        assertThat(rules).extracting(r -> r.condition().getClass().getSimpleName())
                .containsExactly("Threshold", "Silence", "RateOfChange", "Loss", "Halted");
        assertThat(rules.get(0).hold()).isEqualTo(Duration.ofSeconds(60));
        assertThat(rules.get(0).name()).isEqualTo("{{G1}} > 30");
        assertThat(rules.get(0).grace()).as("three of G1's 20 s intervals").isEqualTo(Duration.ofSeconds(60));
        assertThat(rules.get(1).severity()).isEqualTo("critical");
        assertThat(rules.get(1).grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(rules.get(2).severity()).isEqualTo("warning");
        assertThat(rules.get(0).outbox()).as("no Notify: no notifications").isNull();
    }

    @Test
    void a_rule_without_a_condition_or_with_two_is_refused_naming_it() {
        assertThatThrownBy(() -> read("{\"Codifier\":\"W1\",\"Name\":\"hot\"}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("Proxy[0] (W1) must have exactly one condition");
        assertThatThrownBy(() -> read("{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 1\",\"Stale\":\"G1\",\"After\":3}"))
                .hasMessageContaining("not Stale and When");
    }

    @Test
    void an_unknown_key_a_bad_expression_and_a_missing_after_name_the_key() {
        assertThatThrownBy(() -> read("{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 1\",\"Clr\":\"{{G1}} < 0\"}"))
                .hasMessageContaining("Proxy[0].Clr is not a key here");
        assertThatThrownBy(() -> read("{\"Codifier\":\"W1\",\"When\":\"{{G1}} >\"}"))
                .hasMessageContaining("(W1).When is not a valid expression");
        assertThatThrownBy(() -> read("{\"Codifier\":\"W1\",\"Stale\":\"G1\"}"))
                .hasMessageContaining("(W1).After is missing");
        assertThatThrownBy(() -> read("{\"Codifier\":\"W1\",\"Halted\":\"G1\",\"Severity\":\"urgent\"}"))
                .hasMessageContaining("(W1).Severity must be info, warning or critical");
        assertThatThrownBy(() -> read("{\"Codifier\":\"W1\",\"Stale\":\"G\",\"After\":3}"))
                .hasMessageContaining("(W1).Stale must be a codifier");
    }

    @Test
    void a_rule_codifier_taken_by_another_entry_or_used_twice_is_refused() {
        assertThatThrownBy(() -> read("{\"Codifier\":\"G1\",\"Halted\":\"G1\"}"))
                .hasMessageContaining("G1 is already the codifier of the entry G1");
        assertThatThrownBy(() -> read("{\"Codifier\":\"W1\",\"Halted\":\"G1\"}", "{\"Codifier\":\"W1\",\"Halted\":\"G1\"}"))
                .hasMessageContaining("W1 names two rules");
        assertThatThrownBy(() -> read()).hasMessageContaining("must list at least one rule");
    }
}
