package org.jphmesh.router.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The router refuses unknown keys, so config.schema.json (repository root) refuses them too: it must then
 * list exactly the keys these records read, or editors would flag good configs or miss typos.
 */
class RouterSchemaTest {

    @Test
    void the_schema_lists_exactly_the_keys_the_router_reads_and_refuses_the_rest() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of("..", "config.schema.json").toFile());
        Map<String, Class<? extends Record>> blocks = Map.of(
                "/$defs/sensor.Router", RouterSettings.class,
                "/$defs/routerLink", LinkSettings.class,
                "/$defs/routerFilter", LinkFilter.class,
                "/$defs/routerRateLimit", RateLimit.class);

        blocks.forEach((pointer, type) -> {
            JsonNode block = schema.at(pointer);
            assertThat(fieldNames(block.path("properties"))).as(pointer).isEqualTo(jsonKeys(type));
            assertThat(block.path("additionalProperties").isBoolean() && !block.get("additionalProperties").asBoolean())
                    .as(pointer + " refuses unknown keys").isTrue();
        });
    }

    private static Set<String> jsonKeys(Class<? extends Record> type) {
        Set<String> keys = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            try {
                keys.add(type.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class).value());
            } catch (NoSuchFieldException e) {
                throw new AssertionError(e);
            }
        }
        return keys;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
