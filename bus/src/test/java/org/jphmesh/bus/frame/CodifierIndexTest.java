package org.jphmesh.bus.frame;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodifierIndexTest {

    @Test
    void every_index_names_one_codifier_and_back() {
        Set<Codifier> seen = new HashSet<>();
        for (int i = 0; i < Codifier.COUNT; i++) {
            Codifier codifier = Codifier.ofIndex(i);
            assertThat(codifier.index()).isEqualTo(i);
            seen.add(codifier);
        }
        assertThat(seen).hasSize(Codifier.COUNT).contains(Codifier.of("Q1"), Codifier.BROADCAST, Codifier.of("~~"));
    }

    @Test
    void an_index_outside_the_table_is_refused() {
        assertThatThrownBy(() -> Codifier.ofIndex(Codifier.COUNT)).hasMessageContaining("0..8835");
        assertThatThrownBy(() -> Codifier.ofIndex(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
