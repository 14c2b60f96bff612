package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MqttTopicsTest {

    @Test
    void every_codifier_is_one_safe_topic_level_and_comes_back() {
        Set<String> levels = new HashSet<>();
        for (char a = 0x21; a <= 0x7E; a++) {
            for (char b = 0x21; b <= 0x7E; b++) {
                String code = new String(new char[] {a, b});
                String level = MqttTopics.level(code);

                assertThat(level).matches("[A-Za-z0-9_]+");
                assertThat(MqttTopics.code(level)).isEqualTo(code);
                assertThat(levels.add(level)).as("unique level for %s", code).isTrue();
            }
        }
    }

    @Test
    void letters_and_digits_stay_as_they_are_and_others_are_hex() {
        assertThat(MqttTopics.level("Q5")).isEqualTo("Q5");
        assertThat(MqttTopics.level("A#")).isEqualTo("_4123");
        assertThat(MqttTopics.level("+/")).isEqualTo("_2B2F");
        assertThat(MqttTopics.code("bridge")).isEqualTo("bridge");
        assertThat(MqttTopics.code("_zz99")).isEqualTo("_zz99");
    }

    @Test
    void topics_follow_the_documented_layout() {
        MqttTopics topics = new MqttTopics("home/jph", "ha");

        assertThat(topics.state("Q5")).isEqualTo("home/jph/Q5/state");
        assertThat(topics.availability("A#")).isEqualTo("home/jph/_4123/availability");
        assertThat(topics.active("X1")).isEqualTo("home/jph/X1/active");
        assertThat(topics.setFilter()).isEqualTo("home/jph/+/set");
        assertThat(topics.commandFilter()).isEqualTo("home/jph/+/cmd");
        assertThat(topics.bridgeAvailability()).isEqualTo("home/jph/bridge/availability");
        assertThat(topics.discoveryStatus()).isEqualTo("ha/status");
        assertThat(topics.discoveryConfig("sensor", "jph_Q5")).isEqualTo("ha/sensor/jph_Q5/config");
        assertThat(new MqttTopics("jph", null).discoveryStatus()).isNull();
    }
}
