package org.jphmesh.bus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code config.schema.json} at the repository root, the schema editors use to complete and check config.json:
 * the configs the mesh runs must pass it, mistakes the mesh refuses must not, and it must name every key the
 * loader reads.
 */
class ConfigSchemaTest {

    // Tests run in the module folder; the schema, the demo config and the docs live one level up.
    private static final Path ROOT = Path.of("..");
    private static final Path SCHEMA_FILE = ROOT.resolve("config.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Pattern JSON_BLOCK = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL);

    private static Schema schema;
    private static JsonNode schemaTree;

    @BeforeAll
    static void readSchema() throws IOException {
        assertThat(SCHEMA_FILE).as("config.schema.json at the repository root").isRegularFile();
        String text = Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8);
        schemaTree = JSON.readTree(text);
        schema = REGISTRY.getSchema(text, InputFormat.JSON);
    }

    private static List<String> problems(String config) {
        return schema.validate(config, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    private static String legacyConfig() throws IOException {
        try (InputStream in = ConfigSchemaTest.class.getResourceAsStream("/legacy/config.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_schema_is_a_valid_draft_2020_12_schema_with_a_stable_id() throws IOException {
        Schema meta = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId()));

        assertThat(meta.validate(Files.readString(SCHEMA_FILE), InputFormat.JSON)).isEmpty();
        assertThat(schemaTree.path("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schemaTree.path("$id").asText()).isEqualTo("https://jphmesh.org/schema/config.json");
        assertThat(schemaTree.path("title").asText()).isNotBlank();
    }

    @Test
    void the_legacy_production_config_with_its_76_entries_is_valid_unchanged() throws IOException {
        String legacy = legacyConfig();

        assertThat(JSON.readTree(legacy).path("Sensors")).hasSize(76);
        assertThat(problems(legacy)).isEmpty();
    }

    @Test
    void the_demo_config_is_valid_points_editors_at_the_schema_and_loads_without_warnings() throws IOException {
        String demo = Files.readString(ROOT.resolve("config.json"), StandardCharsets.UTF_8);

        assertThat(problems(demo)).isEmpty();
        assertThat(JSON.readTree(demo).path("$schema").asText())
                .as("the demo config.json names the schema for editors (docs/configuration.md)").isEqualTo("./config.schema.json");
        assertThat(ConfigLoader.parse(demo, "config.json").warnings()).isEmpty();
    }

    @Test
    void every_config_example_in_the_docs_is_valid() throws IOException {
        List<Path> pages;
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            pages = new ArrayList<>(docs.filter(p -> p.toString().endsWith(".md")).sorted().toList());
        }
        pages.add(ROOT.resolve("README.md"));
        int checked = 0;
        for (Path page : pages) {
            Matcher block = JSON_BLOCK.matcher(Files.readString(page, StandardCharsets.UTF_8));
            while (block.find()) {
                JsonNode config = asConfig(block.group(1));
                if (config != null) {
                    assertThat(problems(config.toString())).as("%s, the example at offset %d", page, block.start()).isEmpty();
                    checked++;
                }
            }
        }
        // sensors.md alone has 15 examples; a lower count means the blocks stopped being recognised.
        assertThat(checked).isGreaterThanOrEqualTo(15);
    }

    /** A docs block as a whole config: a config, one entry, several entries, or a "Multicast": member; else null. */
    private static JsonNode asConfig(String block) {
        JsonNode node = tryParse(block);
        if (node != null && node.has("Sensors")) {
            return node;
        }
        ObjectNode config = JSON.createObjectNode();
        if (node != null && node.has("Codifier")) {
            config.putArray("Sensors").add(node);
            return config;
        }
        JsonNode list = tryParse("[" + block + "]");
        if (list != null && list.size() > 0 && allEntries(list)) {
            config.set("Sensors", list);
            return config;
        }
        JsonNode members = tryParse("{" + block + "}");
        if (members != null && members.has("Multicast")) {
            ((ObjectNode) members).putArray("Sensors");
            return members;
        }
        // Placeholders ({...}) and readings, not configs.
        return null;
    }

    private static boolean allEntries(JsonNode list) {
        for (JsonNode item : list) {
            if (!item.has("Codifier")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode tryParse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("a three-character codifier", "/Sensors/0/Codifier", true,
                        edit(c -> entry(c, 0).put("Codifier", "G1X"))),
                Arguments.of("the broadcast codifier as an entry", "/Sensors/0/Codifier", true,
                        edit(c -> entry(c, 0).put("Codifier", "@@"))),
                Arguments.of("TTL 300", "/Multicast/TTL", true,
                        edit(c -> multicast(c).put("TTL", 300))),
                Arguments.of("a unicast data group", "/Multicast/Data-Channel/Address", true,
                        edit(c -> multicast(c).putObject("Data-Channel").put("Address", "10.0.0.1").put("Port", 7002))),
                Arguments.of("an unknown Auth mode", "/Multicast/Auth/Mode", true,
                        edit(c -> multicast(c).putObject("Auth").put("Mode", "always"))),
                Arguments.of("Auth required without keys", "/Multicast/Auth", true,
                        edit(c -> multicast(c).putObject("Auth").put("Mode", "require"))),
                Arguments.of("a key with both File and Env", "/Multicast/Auth/Keys/0", true,
                        edit(c -> multicast(c).putObject("Auth").put("Mode", "sign").putArray("Keys").addObject()
                                .put("Id", 1).put("File", "/k").put("Env", "K"))),
                Arguments.of("an interval of 0", "/Sensors/0/SensorInterval", true,
                        edit(c -> entry(c, 0).put("SensorInterval", 0))),
                Arguments.of("an unknown data type", "/Sensors/0/DataType", true,
                        edit(c -> entry(c, 0).put("DataType", "double"))),
                Arguments.of("Control neither enabled nor disabled", "/Sensors/0/Control", true,
                        edit(c -> entry(c, 0).put("Control", "yes"))),
                Arguments.of("Resend as text", "/Multicast/Resend", true,
                        edit(c -> multicast(c).put("Resend", "often"))),
                Arguments.of("a router link with a misspelt key", "/Sensors/1/Sensor/Links/1", false,
                        edit(c -> sensors(c).addObject().put("Codifier", "RT").put("Type", "Router").putObject("Sensor")
                                .set("Links", JSON.createArrayNode()
                                        .add(JSON.createObjectNode().put("Name", "house").put("Interface", "lo"))
                                        .add(JSON.createObjectNode().put("Name", "shed").put("Interface", "lo").put("Loopbak", false))))),
                Arguments.of("a router with one link", "/Sensors/1/Sensor/Links", false,
                        edit(c -> sensors(c).addObject().put("Codifier", "RT").put("Type", "Router").putObject("Sensor")
                                .putArray("Links").addObject().put("Name", "house").put("Interface", "lo"))),
                Arguments.of("an MQTT bridge key with a typo", "/Sensors/1/Sensor/Mqtt", false,
                        edit(c -> sensors(c).addObject().put("Codifier", "CF").put("Type", "Web").putObject("Sensor")
                                .putObject("Mqtt").put("TopicPrefx", "jph"))),
                Arguments.of("a TempLinux entry without its Pipe", "/Sensors/1/Sensor", false,
                        edit(c -> sensors(c).addObject().put("Codifier", "C1").put("Type", "TempLinux").putObject("Sensor"))),
                Arguments.of("a Serial entry without its Patterns", "/Sensors/1/Sensor", false,
                        edit(c -> sensors(c).addObject().put("Codifier", "A1").put("Type", "Serial").putObject("Sensor")
                                .put("Port", "/dev/ttyUSB0"))),
                Arguments.of("a line pattern with a misspelt key", "/Sensors/1/Sensor/Patterns/0", false,
                        edit(c -> sensors(c).addObject().put("Codifier", "U1").put("Type", "TcpLine").putObject("Sensor")
                                .put("Host", "127.0.0.1").put("Port", 3493).putArray("Patterns").addObject()
                                .put("Match", "(.*)").put("Codifier", "U1"))),
                Arguments.of("a FileDrop entry without its Folder", "/Sensors/1/Sensor", false,
                        edit(c -> sensors(c).addObject().put("Codifier", "F1").put("Type", "FileDrop").putObject("Sensor"))),
                Arguments.of("a retention period in months", "/Sensors/1/Sensor/Retention/Raw", false,
                        edit(c -> sensors(c).addObject().put("Codifier", "Q1").put("Type", "Collector").putObject("Sensor")
                                .putObject("Retention").put("Raw", "13 months"))),
                Arguments.of("Redis sentinels without the master's name", "/Sensors/1/Sensor/Redis", false,
                        edit(c -> sensors(c).addObject().put("Codifier", "Q1").put("Type", "Collector").putObject("Sensor")
                                .putObject("Redis").put("Sentinels", "10.0.0.1:26379,10.0.0.2:26379"))),
                Arguments.of("a simulated shape nobody knows", "/Sensors/0/Sensor/Shape", false,
                        edit(c -> ((ObjectNode) entry(c, 0).get("Sensor")).put("Shape", "saw"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void a_mistake_the_mesh_refuses_is_reported_by_the_schema_at_its_key(String mistake, String at, boolean loaderRefuses,
                                                                        String config) {
        List<Error> errors = schema.validate(config, InputFormat.JSON);

        assertThat(errors).as(mistake).isNotEmpty();
        assertThat(errors).as(mistake).anySatisfy(e -> assertThat(pointer(e.getInstanceLocation())).startsWith(at));
        if (loaderRefuses) {
            assertThatThrownBy(() -> ConfigLoader.parse(config, "t")).as(mistake).isInstanceOf(ConfigException.class);
        }
    }

    private static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(path.getElement(i));
        }
        return pointer.toString();
    }

    private static String edit(Consumer<ObjectNode> change) {
        ObjectNode config = JSON.createObjectNode();
        config.putObject("Multicast");
        config.putArray("Sensors").addObject().put("Codifier", "G1").put("Type", "Simulated").putObject("Sensor");
        assertThat(problems(config.toString())).isEmpty();
        change.accept(config);
        return config.toString();
    }

    private static ArrayNode sensors(ObjectNode config) {
        return (ArrayNode) config.get("Sensors");
    }

    private static ObjectNode entry(ObjectNode config, int index) {
        return (ObjectNode) config.get("Sensors").get(index);
    }

    private static ObjectNode multicast(ObjectNode config) {
        return (ObjectNode) config.get("Multicast");
    }

    @Test
    void every_key_the_loader_reads_is_in_the_schema() {
        Map<String, Set<String>> declared = Map.of(
                "/properties", ConfigLoader.TOP_LEVEL_KEYS,
                "/$defs/multicast/properties", ConfigLoader.MULTICAST_KEYS,
                "/$defs/channel/properties", ConfigLoader.CHANNEL_KEYS,
                "/$defs/auth/properties", ConfigLoader.AUTH_KEYS,
                "/$defs/authKey/properties", ConfigLoader.AUTH_KEY_KEYS,
                "/$defs/entry/properties", ConfigLoader.ENTRY_KEYS);

        declared.forEach((pointer, keys) -> {
            assertThat(keys).as(pointer).isNotEmpty();
            assertThat(fieldNames(schemaTree.at(pointer))).as(pointer).containsAll(keys);
        });
    }

    @Test
    void a_channel_read_by_jackson_in_a_router_link_has_the_keys_the_loader_reads() {
        assertThat(jsonKeys(ChannelConfig.class)).isEqualTo(ConfigLoader.CHANNEL_KEYS);
    }

    @Test
    void every_key_in_the_schema_has_a_description() {
        List<String> undescribed = new ArrayList<>();
        collectUndescribed(schemaTree, "", undescribed);

        assertThat(undescribed).isEmpty();
    }

    // A property is described by its own description or by the $defs entry its $ref names.
    private static void collectUndescribed(JsonNode node, String path, List<String> undescribed) {
        if (node.isObject()) {
            JsonNode properties = node.get("properties");
            if (properties != null && properties.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = it.next();
                    JsonNode value = property.getValue();
                    boolean partial = inCondition(path) || isRefinement(value);
                    if (!partial && !value.has("description") && !describedByRef(value)) {
                        undescribed.add(path + "/properties/" + property.getKey());
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> child = it.next();
                collectUndescribed(child.getValue(), path + "/" + child.getKey(), undescribed);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectUndescribed(node.get(i), path + "/" + i, undescribed);
            }
        }
    }

    // if/then/else only narrow keys that are described where they are declared.
    private static boolean inCondition(String path) {
        return List.of(path.split("/")).stream().anyMatch(segment -> Set.of("if", "then", "else").contains(segment));
    }

    // {"items": {...}} or {"minItems": 1} narrowing a key described elsewhere, e.g. a driver's Proxy list.
    private static boolean isRefinement(JsonNode value) {
        return !value.has("type") && !value.has("$ref") && !value.has("anyOf") && !value.has("enum");
    }

    private static boolean describedByRef(JsonNode value) {
        return value.has("$ref") && schemaTree.at(value.get("$ref").asText().substring(1)).has("description");
    }

    private static Set<String> jsonKeys(Class<? extends Record> type) {
        Set<String> keys = new HashSet<>();
        for (RecordComponent component : type.getRecordComponents()) {
            // @JsonProperty cannot target a record component; it lands on the field (and the canonical parameter).
            JsonProperty property;
            try {
                property = type.getDeclaredField(component.getName()).getAnnotation(JsonProperty.class);
            } catch (NoSuchFieldException e) {
                throw new AssertionError(e);
            }
            assertThat(property).as(type.getSimpleName() + "." + component.getName() + " has @JsonProperty").isNotNull();
            keys.add(property.value());
        }
        return keys;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
