package org.jphmesh.web.graphs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SavedGraphTest {

    @Test
    void a_graph_without_a_range_shows_the_last_hour() {
        assertThat(new SavedGraph("Water", List.of("A1", "A2"), null).range()).isEqualTo("1h");
    }

    @Test
    void ranges_are_minutes_hours_or_days_up_to_400_days() {
        assertThat(GraphRange.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(GraphRange.parse("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(GraphRange.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThatThrownBy(() -> GraphRange.parse("401d")).hasMessageContaining("between 1m and 400d");
        assertThatThrownBy(() -> GraphRange.parse("0h")).hasMessageContaining("between 1m and 400d");
        assertThatThrownBy(() -> GraphRange.parse("week")).hasMessageContaining("like 15m, 6h or 7d, not 'week'");
    }

    @Test
    void a_name_is_1_to_100_characters_that_fit_in_a_path() {
        assertThat(new SavedGraph("x".repeat(100), List.of("A1"), "1h").name()).hasSize(100);
        assertThatThrownBy(() -> new SavedGraph("x".repeat(101), List.of("A1"), "1h")).hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> new SavedGraph(" ", List.of("A1"), "1h")).hasMessageContaining("not blank");
        assertThatThrownBy(() -> new SavedGraph("a/b", List.of("A1"), "1h")).hasMessageContaining("may not contain '/'");
    }

    @Test
    void codes_are_1_to_8_distinct_codifiers() {
        assertThatThrownBy(() -> new SavedGraph("g", List.of(), "1h")).hasMessageContaining("1 to 8 codifiers, not 0");
        assertThatThrownBy(() -> new SavedGraph("g", List.of("A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9"), "1h"))
                .hasMessageContaining("not 9");
        assertThatThrownBy(() -> new SavedGraph("g", List.of("A1", "A1"), "1h")).hasMessageContaining("twice");
        assertThatThrownBy(() -> new SavedGraph("g", List.of("ABC"), "1h")).hasMessageContaining("'ABC' is not a two-character");
    }
}
