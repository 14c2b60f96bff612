package org.jphmesh.bus.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonTreeTest {

    @Test
    void a_document_reads_into_the_same_tree_as_an_object_mapper_makes() throws Exception {
        String json = "{\"a\":[1,2.5,-3e2,12345678901,123456789012345678901234567890],\"b\":{\"c\":null,\"d\":true,"
                + "\"e\":false,\"f\":\"t\\u00e9xt\"},\"g\":[],\"h\":{}}";

        assertThat(JsonTree.read(json)).isEqualTo(new ObjectMapper().readTree(json));
    }

    @Test
    void empty_text_holds_no_value_and_broken_text_is_refused_with_its_place() throws Exception {
        assertThat(JsonTree.read("  ")).isNull();
        assertThatThrownBy(() -> JsonTree.read("{\n \"a\": [1,}"))
                .isInstanceOf(JsonParseException.class)
                .satisfies(e -> assertThat(((JsonParseException) e).getLocation().getLineNr()).isEqualTo(2));
    }

    @Test
    void a_document_nested_deeper_than_any_config_or_reading_is_refused_not_recursed_into() throws Exception {
        String deep = "[".repeat(JsonTree.MAX_DEPTH + 1) + "]".repeat(JsonTree.MAX_DEPTH + 1);

        assertThatThrownBy(() -> JsonTree.read(deep)).isInstanceOf(JsonParseException.class)
                .hasMessageContaining("nested deeper than " + JsonTree.MAX_DEPTH);
        assertThat(JsonTree.read("[".repeat(JsonTree.MAX_DEPTH) + "1" + "]".repeat(JsonTree.MAX_DEPTH))).isNotNull();
    }
}
