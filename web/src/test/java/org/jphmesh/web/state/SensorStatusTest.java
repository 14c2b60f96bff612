package org.jphmesh.web.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SensorStatusTest {

    private static final long TIMEOUT = 10_000;
    private static final long KEEP_ALIVE = 30_000;
    private static final long NOW = 1_000_000;

    private static SensorStatus status(Long readingAgo, Long aliveAgo, Boolean active) {
        return SensorStatus.of(NOW, readingAgo == null ? null : NOW - readingAgo, aliveAgo == null ? null : NOW - aliveAgo,
                active, TIMEOUT, KEEP_ALIVE);
    }

    @Test
    void never_heard_is_unknown() {
        assertThat(status(null, null, null)).isEqualTo(SensorStatus.UNKNOWN);
    }

    @Test
    void a_reading_within_the_timeout_is_ok() {
        assertThat(status(9_000L, null, true)).isEqualTo(SensorStatus.OK);
    }

    @Test
    void only_alive_frames_since_the_timeout_is_stale() {
        assertThat(status(20_000L, 1_000L, true)).isEqualTo(SensorStatus.STALE);
    }

    @Test
    void nothing_for_longer_than_the_keep_alive_and_its_grace_is_down() {
        assertThat(status(40_000L, KEEP_ALIVE + SensorStatus.DOWN_GRACE_MILLIS + 1, true)).isEqualTo(SensorStatus.DOWN);
        assertThat(status(40_000L, KEEP_ALIVE + SensorStatus.DOWN_GRACE_MILLIS - 1, true)).isEqualTo(SensorStatus.STALE);
    }

    @Test
    void a_halted_node_that_still_answers_is_halted() {
        assertThat(status(1_000L, 1_000L, false)).isEqualTo(SensorStatus.HALTED);
    }

    @Test
    void a_halted_node_that_went_silent_is_down() {
        assertThat(status(null, KEEP_ALIVE * 3, false)).isEqualTo(SensorStatus.DOWN);
    }
}
