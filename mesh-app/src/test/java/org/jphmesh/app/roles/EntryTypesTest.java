package org.jphmesh.app.roles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.junit.jupiter.api.Test;

class EntryTypesTest {

    @Test
    void every_type_of_the_legacy_production_config_is_known() throws IOException {
        MeshConfig config;
        try (InputStream in = EntryTypesTest.class.getResourceAsStream("/legacy/config.json")) {
            config = ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "legacy config.json");
        }

        assertThat(config.sensors()).allSatisfy(s -> assertThat(EntryTypes.isKnown(s.type())).as(s.type()).isTrue());
        assertThat(EntryTypes.unknown(config)).isEmpty();
    }

    @Test
    void an_unknown_type_loads_and_is_named_in_a_warning() {
        MeshConfig config = ConfigLoader.parse("{\"Sensors\":[{\"Codifier\":\"Z9\",\"Type\":\"FutureThing\"},"
                + "{\"Codifier\":\"Q1\",\"Type\":\"Collector\"}]}", "t");

        assertThat(EntryTypes.unknown(config)).singleElement().asString().startsWith("Sensors (Z9).Type 'FutureThing'");
    }

    @Test
    void programs_are_roles_and_collectors_are_programs_but_a_proxy_is_no_program() {
        assertThat(ProgramRoles.PROGRAMS).containsAll(ProgramRoles.COLLECTORS);
        assertThat(ProgramRoles.isRole("Proxy")).isTrue();
        assertThat(ProgramRoles.isProgram("Proxy")).isFalse();
        assertThat(ProgramRoles.isCollector("jphPostgreSQL")).isTrue();
        assertThat(ProgramRoles.isCollector("Web")).isFalse();
        assertThat(EntryTypes.DRIVERS).doesNotContainAnyElementsOf(ProgramRoles.ROLES);
    }

    @Test
    void every_type_the_mesh_knows_is_offered_by_the_schema_with_a_description() throws IOException {
        JsonNode schema = new ObjectMapper().readTree(Path.of("..", "config.schema.json").toFile());
        Set<String> offered = new HashSet<>();
        for (JsonNode choice : schema.at("/$defs/entry/properties/Type/anyOf")) {
            if (choice.has("const")) {
                offered.add(choice.get("const").asText());
                assertThat(choice.path("description").asText()).as(choice.toString()).isNotBlank();
            }
        }
        Set<String> known = new HashSet<>(EntryTypes.DRIVERS);
        known.addAll(ProgramRoles.ROLES);
        assertThat(offered).containsExactlyInAnyOrderElementsOf(known);

        Set<String> withSensorBlock = new HashSet<>();
        for (JsonNode rule : schema.at("/$defs/entry/allOf")) {
            withSensorBlock.add(rule.at("/if/properties/Type/const").asText());
            assertThat(rule.at("/then/properties/Sensor/$ref").asText()).startsWith("#/$defs/");
        }
        // The console's entry has no Sensor block to describe.
        known.remove("ControlProgram");
        assertThat(withSensorBlock).containsExactlyInAnyOrderElementsOf(known);
    }
}
