package org.jphmesh.bus.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

class LenientNumberTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void a_number_and_text_holding_one_read_the_same() {
        assertThat(LenientNumber.of(NODES.numberNode(21.5))).hasValue(21.5);
        assertThat(LenientNumber.of(NODES.textNode(" 21.5 "))).hasValue(21.5);
        assertThat(LenientNumber.of(NODES.textNode("2"))).hasValue(2.0);
    }

    @Test
    void text_that_is_no_number_and_other_kinds_of_value_read_as_empty() {
        assertThat(LenientNumber.of(NODES.textNode("often"))).isEmpty();
        assertThat(LenientNumber.of(NODES.booleanNode(true))).isEmpty();
        assertThat(LenientNumber.of(NODES.objectNode())).isEmpty();
        assertThat(LenientNumber.of(NODES.nullNode())).isEmpty();
        assertThat(LenientNumber.of(null)).isEmpty();
    }
}
