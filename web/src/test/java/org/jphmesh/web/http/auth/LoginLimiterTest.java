package org.jphmesh.web.http.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginLimiterTest {

    private Instant now = Instant.parse("2026-11-22T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final LoginLimiter limiter = new LoginLimiter(clock, 3, Duration.ofMinutes(5));

    @Test
    void the_attempt_past_the_limit_waits_until_the_oldest_failure_leaves_the_window() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.attempt("10.0.0.1", "ann")).isZero();
            now = now.plusSeconds(10);
        }
        assertThat(limiter.attempt("10.0.0.1", "ann")).isEqualTo(270);
        now = now.plusSeconds(271);
        assertThat(limiter.attempt("10.0.0.1", "ann")).isZero();
    }

    @Test
    void guessing_other_accounts_from_one_address_is_limited_too() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.attempt("10.0.0.1", "user" + i)).isZero();
        }
        assertThat(limiter.attempt("10.0.0.1", "someone-else")).isPositive();
        assertThat(limiter.attempt("10.0.0.2", "someone-else")).isZero();
    }

    @Test
    void a_right_password_does_not_count_as_a_failure() {
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.attempt("10.0.0.1", "ann")).isZero();
            limiter.succeeded("10.0.0.1", "ann");
        }
    }

    @Test
    void expired_keys_are_swept_by_later_calls_without_being_named_again() {
        for (int i = 0; i < 1_000; i++) {
            limiter.attempt("10.1." + i / 250 + "." + i % 250, "user" + i + "@example.org");
        }
        assertThat(limiter.size()).isEqualTo(2_000);

        now = now.plus(Duration.ofMinutes(5)).plusSeconds(1);
        limiter.attempt("10.0.0.9", "ann@example.org");

        assertThat(limiter.size()).as("only the new attempt's address and account").isEqualTo(2);
    }

    @Test
    void a_flood_of_distinct_emails_from_one_address_is_stopped_by_the_address_and_stores_little() {
        int refused = 0;
        for (int i = 0; i < 1_000; i++) {
            if (limiter.attempt("10.0.0.1", "user" + i + "@example.org") > 0) {
                refused++;
            }
        }

        assertThat(refused).isEqualTo(997);
        assertThat(limiter.size()).as("one address and the three accounts it got to try").isEqualTo(4);
    }

    @Test
    void a_flood_from_many_addresses_stays_within_the_cap_and_locks_nobody_else_out() {
        LoginLimiter small = new LoginLimiter(clock, 3, Duration.ofMinutes(5), 100);
        for (int i = 0; i < 1_000; i++) {
            assertThat(small.attempt("10.1." + i / 250 + "." + i % 250, "user" + i + "@example.org")).isZero();
        }

        assertThat(small.size()).isLessThanOrEqualTo(200);
        assertThat(small.evicted()).isEqualTo(1_800);
        assertThat(small.attempt("192.168.1.20", "ann@example.org")).as("an honest user after the flood").isZero();
    }

    @Test
    void an_account_under_attack_stays_limited_while_a_flood_fills_the_table() {
        LoginLimiter small = new LoginLimiter(clock, 3, Duration.ofMinutes(5), 100);
        for (int i = 0; i < 3; i++) {
            assertThat(small.attempt("10.0.0." + i, "ann@example.org")).isZero();
        }
        for (int i = 0; i < 1_000; i++) {
            small.attempt("10.1." + i / 250 + "." + i % 250, "user" + i + "@example.org");
            // The attacker keeps at it from fresh addresses: refused, and so never the one forgotten.
            assertThat(small.attempt("10.2." + i / 250 + "." + i % 250, "ann@example.org")).isPositive();
        }

        assertThat(small.attempt("10.3.0.1", "ann@example.org")).isPositive();
    }

    @Test
    void a_success_takes_back_the_failure_its_attempt_counted() {
        assertThat(limiter.attempt("10.0.0.1", "ann@example.org")).isZero();
        limiter.succeeded("10.0.0.1", "ann@example.org");

        assertThat(limiter.size()).isZero();
    }

    @Test
    void an_account_longer_than_an_email_address_can_be_is_refused() {
        String longest = "a".repeat(LoginLimiter.MAX_ACCOUNT_CHARS);

        assertThat(limiter.attempt("10.0.0.1", longest)).isZero();
        assertThatThrownBy(() -> limiter.attempt("10.0.0.1", longest + "a")).isInstanceOf(IllegalArgumentException.class);
        assertThat(limiter.size()).isEqualTo(2);
    }
}
