package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrackedTest {

    @Test
    void a_seed_fills_what_nothing_was_heard_of() {
        Tracked state = new Tracked();

        state.seed(new SeededState(4.0, null, 100L, 200L, true));

        assertThat(state.value).isEqualTo(4.0);
        assertThat(state.readingAt).isEqualTo(100L);
        assertThat(state.sentData).isTrue();
        assertThat(state.aliveAt).isEqualTo(200L);
        assertThat(state.active).isTrue();
    }

    @Test
    void a_seed_never_overrides_what_was_heard_since_start() {
        Tracked state = new Tracked();
        state.reading(9.0, null, 500, 3);
        state.alive(600, false);

        state.seed(new SeededState(4.0, null, 100L, 200L, true));

        assertThat(state.value).isEqualTo(9.0);
        assertThat(state.readingAt).isEqualTo(500L);
        assertThat(state.aliveAt).isEqualTo(600L);
        assertThat(state.active).isFalse();
    }

    @Test
    void liveness_only_moves_forward_and_a_change_of_active_is_reported() {
        Tracked state = new Tracked();

        assertThat(state.alive(500, true)).isTrue();
        assertThat(state.alive(600, true)).isFalse();
        state.heard(400);

        assertThat(state.aliveAt).isEqualTo(600L);
        assertThat(state.alive(700, false)).isTrue();
    }
}
