package org.jphmesh.collector;

import static org.assertj.core.api.Assertions.assertThat;

import org.jphmesh.bus.testing.TestClock;
import org.junit.jupiter.api.Test;

class RowRateTest {

    private final TestClock clock = new TestClock(1_800_000_000_000L);
    private final RowRate rate = new RowRate(clock);

    @Test
    void the_first_tick_reports_nothing_and_later_ones_report_rows_per_minute_over_the_time_that_passed() {
        assertThat(rate.next(0)).isEmpty();
        clock.advance(60_000);
        assertThat(rate.next(1_200)).hasValue(1_200);
        clock.advance(30_000);
        assertThat(rate.next(1_500)).hasValue(600);
        clock.advance(5_000);
        assertThat(rate.next(1_501)).hasValue(12);
        // Python's int() cuts the fraction off: 8.57 rows a minute is 8.
        clock.advance(7_000);
        assertThat(rate.next(1_502)).hasValue(8);
    }
}
