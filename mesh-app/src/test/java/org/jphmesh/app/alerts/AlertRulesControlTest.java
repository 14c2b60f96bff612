package org.jphmesh.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;

class AlertRulesControlTest {

    private static final String CONFIG = "{\"Sensors\":["
            + "{\"Codifier\":\"AL\",\"Type\":\"Alerts\",\"Control\":\"enabled\",\"Sensor\":{\"Proxy\":["
            + "{\"Codifier\":\"W3\",\"Name\":\"Third\"},{\"Codifier\":\"W1\",\"Severity\":\"critical\"},"
            + "{\"Codifier\":\"W2\"}]}},"
            + "{\"Codifier\":\"W2\",\"Type\":\"Proxy\",\"ShortName\":\"Own entry\",\"Sensor\":{\"Codifier\":\"AL\"}},"
            + "{\"Codifier\":\"AM\",\"Type\":\"Alerts\",\"Sensor\":{\"Proxy\":[{\"Codifier\":\"V1\"}]}},"
            + "{\"Codifier\":\"G1\",\"Type\":\"TempLinux\"}]}";

    private final AlertRules rules = AlertRules.of(ConfigLoader.parse(CONFIG, "test"));

    @Test
    void every_rule_is_listed_in_config_order_with_its_name_severity_and_node() {
        assertThat(rules.all()).extracting(rule -> rule.code().value()).containsExactly("W3", "W1", "W2", "V1");
        AlertRules.Rule w1 = rules.rule(Codifier.of("W1")).orElseThrow();
        assertThat(w1.name()).isEqualTo("W1");
        assertThat(w1.severity()).isEqualTo("critical");
        assertThat(w1.node()).isEqualTo(Codifier.of("AL"));
        assertThat(rules.rule(Codifier.of("W3")).orElseThrow().severity()).isEqualTo("warning");
        assertThat(rules.isRule(Codifier.of("AL"))).as("the Alerts entry itself is no rule").isFalse();
        assertThat(rules.isRule(Codifier.of("G1"))).isFalse();
    }

    @Test
    void a_rule_takes_commands_by_its_own_entrys_control_else_by_its_alerts_entrys() {
        assertThat(rules.acceptsCommands(Codifier.of("W1"))).isTrue();
        assertThat(rules.acceptsCommands(Codifier.of("W2"))).as("W2's own entry has no Control").isFalse();
        assertThat(rules.acceptsCommands(Codifier.of("V1"))).as("AM has no Control").isFalse();
        assertThat(rules.acceptsCommands(Codifier.of("G1"))).isFalse();
    }
}
