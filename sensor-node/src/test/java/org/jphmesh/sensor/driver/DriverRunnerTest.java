package org.jphmesh.sensor.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.junit.jupiter.api.Test;

class DriverRunnerTest {

    private static final Codifier C1 = Codifier.of("C1");

    @Test
    void a_good_read_passes_its_readings_through() {
        DriverRunner runner = new DriverRunner(C1, () -> ReadResult.good(new Reading(C1, Readings.of(1.5))),
                Duration.ofSeconds(1), Duration.ofMillis(10));
        assertThat(runner.read().readings()).singleElement().extracting(Reading::payload).isEqualTo(Readings.of(1.5));
        assertThat(runner.goodReads()).isEqualTo(1);
        runner.close();
    }

    @Test
    void a_read_that_throws_is_a_failed_read_naming_the_cause() {
        DriverRunner runner = new DriverRunner(C1, () -> {
            throw new java.io.IOException("sensor unplugged");
        }, Duration.ofSeconds(1), Duration.ofMillis(10));

        ReadResult result = runner.read();

        assertThat(result.status()).isEqualTo(ReadResult.Status.FAILED);
        assertThat(result.problem()).contains("IOException").contains("sensor unplugged");
        assertThat(runner.failedReads()).isEqualTo(1);
        runner.close();
    }

    @Test
    void consecutive_failures_back_off_instead_of_hammering_the_sensor() {
        DriverRunner runner = new DriverRunner(C1, () -> ReadResult.failed("no"), Duration.ofSeconds(1),
                Duration.ofSeconds(60));

        runner.read();
        runner.read();
        runner.read();

        assertThat(runner.failedReads()).isEqualTo(2);
        assertThat(runner.skippedReads()).isEqualTo(1);
        runner.close();
    }

    @Test
    void a_read_that_never_returns_times_out_and_the_next_read_gets_a_fresh_thread() throws Exception {
        CountDownLatch forever = new CountDownLatch(1);
        int[] calls = {0};
        DriverRunner runner = new DriverRunner(C1, () -> {
            if (calls[0]++ == 0) {
                while (true) {
                    try {
                        forever.await();
                    } catch (InterruptedException ignored) {
                        // A badly written driver that swallows the interrupt and keeps blocking.
                    }
                }
            }
            return ReadResult.good(new Reading(C1, Readings.of(2.0)));
        }, Duration.ofMillis(200), Duration.ofMillis(1));

        ReadResult first = runner.read();
        Thread.sleep(5);
        ReadResult second = runner.read();

        assertThat(first.status()).isEqualTo(ReadResult.Status.FAILED);
        assertThat(first.problem()).contains("did not finish within 200 ms");
        assertThat(second.status()).isEqualTo(ReadResult.Status.GOOD);
        assertThat(runner.timeouts()).isEqualTo(1);
        runner.close();
    }

    @Test
    void a_driver_stuck_three_times_is_no_longer_called() throws Exception {
        int[] calls = {0};
        DriverRunner runner = new DriverRunner(C1, () -> {
            calls[0]++;
            Thread.sleep(60_000);
            return ReadResult.none();
        }, Duration.ofMillis(50), Duration.ofMillis(1));

        for (int i = 0; i < 6; i++) {
            runner.read();
            Thread.sleep(2L << Math.min(i, 4));
        }

        assertThat(runner.timeouts()).isEqualTo(DriverRunner.MAX_ABANDONED);
        assertThat(calls[0]).isEqualTo(DriverRunner.MAX_ABANDONED);
        runner.close();
    }
}
