package org.jphmesh.sensor.driver;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.concurrent.MockTicker;
import io.netty.util.concurrent.Ticker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.junit.jupiter.api.Test;

/**
 * Back-off is measured on a {@link MockTicker} the test moves one interval per node timer tick; only the read
 * deadline itself, which a real reader thread must miss, takes real time (a few hundred milliseconds in all).
 */
class DriverRunnerTest {

    private static final Codifier C1 = Codifier.of("C1");
    private static final Duration INTERVAL = Duration.ofSeconds(10);

    private final MockTicker ticker = Ticker.newMockTicker();

    private Duration interval = INTERVAL;

    private DriverRunner runner(Driver driver, Duration deadline) {
        return new DriverRunner(C1, driver, deadline, interval, ticker);
    }

    // What the node's timer does: one interval later, read again.
    private ReadResult nextTick(DriverRunner runner) {
        ticker.advance(interval.toNanos(), TimeUnit.NANOSECONDS);
        return runner.read();
    }

    // Ticks 0..lastTick of a driver that always fails: the ticks on which it was called.
    private List<Integer> ticksReadByAFailingDriver(int lastTick) {
        AtomicInteger calls = new AtomicInteger();
        DriverRunner runner = runner(() -> {
            calls.incrementAndGet();
            return ReadResult.failed("no");
        }, Duration.ofSeconds(1));
        List<Integer> readOnTicks = new ArrayList<>();
        for (int tick = 0; tick <= lastTick; tick++) {
            int before = calls.get();
            if (tick == 0) {
                runner.read();
            } else {
                nextTick(runner);
            }
            if (calls.get() > before) {
                readOnTicks.add(tick);
            }
        }
        assertThat(runner.failedReads()).isEqualTo(readOnTicks.size());
        assertThat(runner.skippedReads()).isEqualTo(lastTick + 1 - readOnTicks.size());
        runner.close();
        return readOnTicks;
    }

    @Test
    void a_good_read_passes_its_readings_through() {
        DriverRunner runner = runner(() -> ReadResult.good(new Reading(C1, Readings.of(1.5))), Duration.ofSeconds(1));
        assertThat(runner.read().readings()).singleElement().extracting(Reading::payload).isEqualTo(Readings.of(1.5));
        assertThat(runner.goodReads()).isEqualTo(1);
        runner.close();
    }

    @Test
    void a_read_that_throws_is_a_failed_read_naming_the_cause() {
        DriverRunner runner = runner(() -> {
            throw new java.io.IOException("sensor unplugged");
        }, Duration.ofSeconds(1));

        ReadResult result = runner.read();

        assertThat(result.status()).isEqualTo(ReadResult.Status.FAILED);
        assertThat(result.problem()).contains("IOException").contains("sensor unplugged");
        assertThat(runner.failedReads()).isEqualTo(1);
        runner.close();
    }

    @Test
    void consecutive_failures_wait_one_two_four_and_eight_intervals_before_the_next_read() {
        assertThat(ticksReadByAFailingDriver(16)).containsExactly(0, 1, 3, 7, 15);
    }

    @Test
    void the_back_off_stops_growing_at_five_minutes() {
        interval = Duration.ofMinutes(1);

        assertThat(ticksReadByAFailingDriver(17)).containsExactly(0, 1, 3, 7, 12, 17);
    }

    @Test
    void a_good_read_ends_the_back_off() {
        AtomicInteger calls = new AtomicInteger();
        DriverRunner runner = runner(() -> calls.incrementAndGet() <= 3 ? ReadResult.failed("no")
                : ReadResult.good(new Reading(C1, Readings.of(1.0))), Duration.ofSeconds(1));

        runner.read();
        for (int tick = 1; tick <= 7; tick++) {
            nextTick(runner);
        }
        assertThat(calls.get()).as("read on ticks 0, 1, 3 and 7, the last one good").isEqualTo(4);
        assertThat(runner.goodReads()).isEqualTo(1);

        nextTick(runner);

        assertThat(calls.get()).as("and, the back-off gone, on tick 8").isEqualTo(5);
        assertThat(runner.goodReads()).isEqualTo(2);
        runner.close();
    }

    @Test
    void a_read_that_never_returns_times_out_and_the_next_read_gets_a_fresh_thread() {
        CountDownLatch forever = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        DriverRunner runner = runner(() -> {
            if (calls.getAndIncrement() == 0) {
                while (true) {
                    try {
                        forever.await();
                    } catch (InterruptedException ignored) {
                        // A badly written driver that swallows the interrupt and keeps blocking.
                    }
                }
            }
            return ReadResult.good(new Reading(C1, Readings.of(2.0)));
        }, Duration.ofMillis(200));

        ReadResult first = runner.read();
        ReadResult second = nextTick(runner);

        assertThat(first.status()).isEqualTo(ReadResult.Status.FAILED);
        assertThat(first.problem()).contains("did not finish within 200 ms");
        assertThat(second.status()).isEqualTo(ReadResult.Status.GOOD);
        assertThat(runner.timeouts()).isEqualTo(1);
        runner.close();
    }

    @Test
    void a_driver_stuck_three_times_is_no_longer_called() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        DriverRunner runner = runner(() -> {
            calls.incrementAndGet();
            never.await();
            return ReadResult.none();
        }, Duration.ofMillis(50));

        runner.read();
        for (int tick = 1; tick <= 20; tick++) {
            nextTick(runner);
        }

        assertThat(runner.timeouts()).isEqualTo(DriverRunner.MAX_ABANDONED);
        assertThat(calls.get()).isEqualTo(DriverRunner.MAX_ABANDONED);
        assertThat(runner.skippedReads()).isEqualTo(21 - DriverRunner.MAX_ABANDONED);
        runner.close();
    }
}
