package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jphmesh.web.state.StateFixtures.G1;
import static org.jphmesh.web.state.StateFixtures.P1;
import static org.jphmesh.web.state.StateFixtures.Q1;

import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.junit.jupiter.api.Test;

class ConfiguredMeshTest {

    private final ConfiguredMesh mesh = new ConfiguredMesh(StateFixtures.CONFIG);

    @Test
    void a_proxy_belongs_to_the_node_that_sends_its_readings() {
        assertThat(mesh.nodeOf(P1)).isEqualTo(G1);
        assertThat(mesh.isProxy(P1)).isTrue();
        assertThat(mesh.proxiesOf(G1)).containsExactly(P1);
    }

    @Test
    void any_other_codifier_is_its_own_node() {
        assertThat(mesh.nodeOf(G1)).isEqualTo(G1);
        assertThat(mesh.nodeOf(Codifier.of("X9"))).isEqualTo(Codifier.of("X9"));
        assertThat(mesh.isProxy(G1)).isFalse();
        assertThat(mesh.proxiesOf(Q1)).isEmpty();
    }

    @Test
    void a_proxy_entry_naming_its_parent_is_enough() {
        ConfiguredMesh named = new ConfiguredMesh(ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"G2\",\"Type\":\"Simulated\"},"
                + "{\"Codifier\":\"P2\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"G2\"}}]}", "test"));

        assertThat(named.nodeOf(Codifier.of("P2"))).isEqualTo(Codifier.of("G2"));
    }

    @Test
    void entries_are_found_by_codifier() {
        assertThat(mesh.entry(Q1).map(SensorConfig::type)).contains("jphPostgreSQL");
        assertThat(mesh.entry(Codifier.of("X9"))).isEmpty();
        assertThat(mesh.isConfigured(Q1)).isTrue();
        assertThat(mesh.isConfigured(Codifier.of("X9"))).isFalse();
    }
}
