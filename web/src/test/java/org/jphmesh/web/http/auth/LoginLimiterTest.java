package org.jphmesh.web.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

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
}
