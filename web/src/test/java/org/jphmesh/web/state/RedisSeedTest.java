package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisSeedTest {

    @Test
    void a_latest_state_hash_gives_the_reading_and_the_nodes_liveness() {
        assertThat(RedisSeed.stateOf(Map.of("Codifier", "G1", "Value", "21.5", "DTimestamp", "1700000000123.0",
                "ITimestamp", "1700000000456", "IsActive", "False")))
                .contains(new SeededState(21.5, null, 1_700_000_000_123L, 1_700_000_000_456L, false));
    }

    @Test
    void a_boolean_reading_is_one_or_zero_and_a_text_stays_text() {
        assertThat(RedisSeed.stateOf(Map.of("Codifier", "G1", "Value", "True")).orElseThrow().value()).isEqualTo(1.0);
        assertThat(RedisSeed.stateOf(Map.of("Codifier", "G1", "Value", "False")).orElseThrow().value()).isEqualTo(0.0);
        SeededState text = RedisSeed.stateOf(Map.of("Codifier", "G1", "Value", "open")).orElseThrow();
        assertThat(text.value()).isNull();
        assertThat(text.text()).isEqualTo("open");
    }

    @Test
    void a_hash_without_codifier_is_not_a_latest_state() {
        assertThat(RedisSeed.stateOf(Map.of("Value", "1"))).isEmpty();
    }
}
