package org.jphmesh.web.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.jphmesh.bus.testing.TestClock;
import org.jphmesh.sql.TestDatabase;
import org.jphmesh.sql.db.Migrations;
import org.jphmesh.web.http.error.ApiException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The sessions table on a real PostgreSQL, time moved by a test clock. */
class PostgresSessionStoreIT {

    private final TestClock clock = new TestClock(Instant.parse("2026-12-06T10:00:00Z").toEpochMilli());
    private final TestDatabase database = new TestDatabase();
    private final PGSimpleDataSource source = new PGSimpleDataSource();
    private PostgresSessionStore store;

    @BeforeEach
    void setUp() throws Exception {
        source.setUrl(database.url());
        source.setUser("postgres");
        Migrations.migrate(source);
        UserStore users = new UserStore(source);
        users.save("ann@example.org", "correct horse battery", Role.operator);
        users.save("bob@example.org", "correct horse battery", Role.viewer);
        store = new PostgresSessionStore(source, clock, Duration.ofMinutes(30), Duration.ofHours(8));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void a_session_lives_while_used_and_ends_after_its_idle_time_or_its_absolute_time() {
        Session idle = store.create("ann@example.org", Role.operator);
        Session busy = store.create("bob@example.org", Role.viewer);
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(20).toMillis());
            assertThat(store.find(busy.id())).hasValueSatisfying(s -> assertThat(s.role()).isEqualTo(Role.viewer));
        }
        assertThat(store.find(idle.id())).as("60 minutes without a request").isEmpty();
        for (int i = 0; i < 20; i++) {
            clock.advance(Duration.ofMinutes(25).toMillis());
            store.find(busy.id());
        }
        assertThat(store.find(busy.id())).as("past 8 hours in all").isEmpty();
    }

    @Test
    void the_csrf_token_and_user_survive_the_round_trip_and_unknown_or_odd_ids_find_nothing() {
        Session session = store.create("ann@example.org", Role.operator);

        assertThat(store.find(session.id())).hasValueSatisfying(found -> {
            assertThat(found.user()).isEqualTo("ann@example.org");
            assertThat(found.csrf()).isEqualTo(session.csrf());
        });
        assertThat(store.find(SessionStore.token())).isEmpty();
        assertThat(store.find("x".repeat(10_000))).isEmpty();
        assertThat(store.find("")).isEmpty();
        store.remove(session.id());
        assertThat(store.find(session.id())).isEmpty();
    }

    @Test
    void a_user_keeps_at_most_fifty_sessions_the_oldest_go_first() {
        Session first = store.create("ann@example.org", Role.operator);
        Session last = null;
        for (int i = 0; i < PostgresSessionStore.PER_USER; i++) {
            clock.advance(1_000);
            last = store.create("ann@example.org", Role.operator);
        }
        assertThat(store.find(first.id())).isEmpty();
        assertThat(store.find(last.id())).isPresent();
    }

    @Test
    void without_the_database_a_session_cannot_be_checked_and_says_so() {
        Session session = store.create("ann@example.org", Role.operator);
        database.close();

        assertThatThrownBy(() -> store.find(session.id())).isInstanceOf(ApiException.class)
                .hasMessageContaining("the database is not available");
    }
}
