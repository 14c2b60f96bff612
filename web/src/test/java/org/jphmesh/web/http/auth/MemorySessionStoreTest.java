package org.jphmesh.web.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.jphmesh.bus.testing.TestClock;
import org.junit.jupiter.api.Test;

class MemorySessionStoreTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-22T10:00:00Z").toEpochMilli());
    private final MemorySessionStore store = new MemorySessionStore(clock, Duration.ofMinutes(30), Duration.ofHours(8), 2);

    @Test
    void a_session_ends_after_its_idle_time_without_requests() {
        Session session = store.create("ann@example.org", Role.viewer);
        clock.advance(Duration.ofMinutes(29).toMillis());
        assertThat(store.find(session.id())).isPresent();
        clock.advance(Duration.ofMinutes(31).toMillis());
        assertThat(store.find(session.id())).isEmpty();
    }

    @Test
    void a_session_ends_after_its_absolute_time_however_busy() {
        Session session = store.create("ann@example.org", Role.viewer);
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(25).toMillis());
            store.find(session.id());
        }
        assertThat(store.find(session.id())).isEmpty();
    }

    @Test
    void removing_a_user_ends_all_their_sessions_and_ids_and_tokens_are_unguessable() {
        Session first = store.create("ann@example.org", Role.operator);
        Session second = store.create("ann@example.org", Role.operator);
        assertThat(first.id()).isNotEqualTo(second.id()).hasSize(43);
        assertThat(first.csrf()).isNotEqualTo(first.id());
        store.removeUser("ann@example.org");
        assertThat(store.find(first.id())).isEmpty();
        assertThat(store.find(second.id())).isEmpty();
        assertThat(store.find(null)).isEmpty();
    }

    @Test
    void past_its_capacity_the_least_recently_used_session_goes() {
        Session old = store.create("a@example.org", Role.viewer);
        clock.advance(1_000);
        Session recent = store.create("b@example.org", Role.viewer);
        clock.advance(1_000);
        store.create("c@example.org", Role.viewer);
        assertThat(store.find(old.id())).isEmpty();
        assertThat(store.find(recent.id())).isPresent();
    }
}
