package org.jphmesh.web.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jphmesh.bus.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final AtomicInteger checks = new AtomicInteger();
    private final AtomicBoolean up = new AtomicBoolean(true);
    private final CountDownLatch hang = new CountDownLatch(1);
    private final AtomicBoolean hanging = new AtomicBoolean();
    private final HealthProbe probe = new HealthProbe("test", () -> {
        checks.incrementAndGet();
        if (hanging.get()) {
            hang.await();
        }
        return up.get();
    }, clock, Duration.ofMillis(100), Duration.ofMillis(1_500));

    @AfterEach
    void closeProbe() {
        hang.countDown();
        probe.close();
    }

    @Test
    void the_answer_is_kept_while_fresh_and_checked_again_after() {
        // The test clock stands still, so the first answer is on time however slowly its thread is scheduled.
        await().atMost(Duration.ofSeconds(5)).until(() -> probe.state().equals("up"));
        up.set(false);
        clock.advance(1_499);
        assertThat(probe.state()).as("kept").isEqualTo("up");
        assertThat(checks).hasValue(1);

        clock.advance(1);

        assertThat(probe.state()).isEqualTo("down");
        await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() == 2);
    }

    @Test
    void a_dependency_that_hangs_is_down_and_costs_one_check_however_often_it_is_asked() {
        hanging.set(true);

        assertThat(probe.state()).isEqualTo("down");
        clock.advance(200);
        for (int i = 0; i < 10; i++) {
            assertThat(probe.state()).isEqualTo("down");
        }

        assertThat(checks).hasValue(1);
    }

    @Test
    void an_answer_that_came_after_its_budget_counts_as_down() {
        hanging.set(true);
        assertThat(probe.state()).isEqualTo("down");
        clock.advance(200);
        hanging.set(false);

        hang.countDown();
        // The late "up" is kept as down, as the requests meanwhile were told; the next check is on time.
        await().atMost(Duration.ofSeconds(5)).until(() -> !probe.checking());
        assertThat(probe.state()).isEqualTo("down");
        assertThat(checks).hasValue(1);
        clock.advance(1_500);

        await().atMost(Duration.ofSeconds(5)).until(() -> probe.state().equals("up"));
        assertThat(checks).hasValue(2);
    }

    @Test
    void a_check_that_throws_says_down() {
        HealthProbe failing = new HealthProbe("failing", () -> {
            throw new java.io.IOException("connection refused");
        }, clock, Duration.ofMillis(100), Duration.ofMillis(1_500));
        try {
            assertThat(failing.state()).isEqualTo("down");
        } finally {
            failing.close();
        }
    }

    @Test
    void refresh_starts_a_due_check_without_waiting_for_it() {
        hanging.set(true);

        probe.refresh();

        await().atMost(Duration.ofSeconds(5)).until(() -> checks.get() == 1);
        probe.refresh();
        assertThat(checks).as("one at a time").hasValue(1);
    }
}
