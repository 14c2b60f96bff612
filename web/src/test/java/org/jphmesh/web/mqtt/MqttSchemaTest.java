package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Field;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The bridge refuses unknown keys, so config.schema.json (repository root) must list exactly the ones it reads. */
class MqttSchemaTest {

    @Test
    void the_schema_lists_exactly_the_keys_the_mqtt_bridge_reads_and_refuses_the_rest() throws Exception {
        JsonNode block = new ObjectMapper().readTree(Path.of("..", "config.schema.json").toFile()).at("/$defs/mqtt");
        // The key list is private to the settings; read it rather than copy it here.
        Field keys = MqttSettings.class.getDeclaredField("KEYS");
        keys.setAccessible(true);

        Set<String> listed = new HashSet<>();
        block.path("properties").fieldNames().forEachRemaining(listed::add);
        assertThat(listed).isEqualTo(keys.get(null));
        assertThat(block.path("additionalProperties").asBoolean(true)).isFalse();
    }
}
