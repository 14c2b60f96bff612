package org.jphmesh.web.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jphmesh.bus.testing.TestClock;
import org.junit.jupiter.api.Test;

class RepublishGateTest {

    private final TestClock clock = new TestClock(1_700_000_000_000L);
    private final RepublishGate gate = new RepublishGate(clock, Duration.ofSeconds(30));

    @Test
    void nothing_is_due_until_a_birth_asks_for_it() {
        assertThat(gate.due()).isFalse();
        assertThat(gate.pending()).isFalse();
    }

    @Test
    void the_first_birth_republishes_at_once_and_only_once() {
        gate.request();

        assertThat(gate.due()).isTrue();
        assertThat(gate.due()).isFalse();
        assertThat(gate.pending()).isFalse();
    }

    @Test
    void a_birth_inside_the_interval_waits_for_its_end_instead_of_being_dropped() {
        gate.request();
        assertThat(gate.due()).isTrue();
        clock.advance(1_000);

        gate.request();
        assertThat(gate.due()).isFalse();
        assertThat(gate.pending()).isTrue();
        clock.advance(28_999);
        assertThat(gate.due()).isFalse();
        clock.advance(1);
        assertThat(gate.due()).isTrue();
        assertThat(gate.pending()).isFalse();
    }

    @Test
    void a_flood_of_births_costs_one_republish_per_interval() {
        int republished = 0;
        // A birth every 50 ms for 59.95 s, the publisher asking after each: at 0 s and at 30 s, no more.
        for (int i = 0; i < 1_200; i++) {
            gate.request();
            if (gate.due()) {
                republished++;
            }
            clock.advance(50);
        }

        assertThat(republished).isEqualTo(2);
        assertThat(gate.pending()).as("the births after 30 s still get their republish").isTrue();
        assertThat(gate.due()).as("at 60 s").isTrue();
    }

    @Test
    void a_clock_set_back_does_not_hold_the_republish_back() {
        gate.request();
        assertThat(gate.due()).isTrue();
        clock.advance(-3_600_000);

        gate.request();
        assertThat(gate.due()).isTrue();
    }
}
