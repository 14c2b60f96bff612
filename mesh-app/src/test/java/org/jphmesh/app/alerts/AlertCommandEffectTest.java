package org.jphmesh.app.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.jphmesh.app.alerts.AlertStatus.State;
import org.junit.jupiter.api.Test;

class AlertCommandEffectTest {

    private static final long SENT = 1_000_000;

    private static AlertStatus status(State state, boolean ack, long silencedUntil) {
        return new AlertStatus(state, 1, "m", "warning", ack, silencedUntil);
    }

    @Test
    void an_acknowledgement_took_when_the_rule_says_ack_or_is_no_longer_firing() {
        AlertCommand ack = new AlertCommand.Acknowledge();
        assertThat(ack.tookEffect(status(State.FIRING, true, 0), SENT)).isTrue();
        assertThat(ack.tookEffect(status(State.FIRING, false, 0), SENT)).isFalse();
        assertThat(ack.tookEffect(status(State.OK, false, 0), SENT)).isTrue();
    }

    @Test
    void a_silence_took_when_the_rule_is_silenced_past_the_moment_it_was_sent() {
        AlertCommand silence = new AlertCommand.Silence(Duration.ofHours(1));
        assertThat(silence.tookEffect(status(State.FIRING, false, SENT + 3_600_000), SENT)).isTrue();
        assertThat(silence.tookEffect(status(State.FIRING, false, 0), SENT)).isFalse();
        assertThat(silence.tookEffect(status(State.OK, false, SENT - 1), SENT)).isFalse();
    }

    @Test
    void a_lift_took_when_neither_acknowledgement_nor_silence_remains() {
        AlertCommand lift = new AlertCommand.Lift();
        assertThat(lift.tookEffect(status(State.FIRING, false, 0), SENT)).isTrue();
        assertThat(lift.tookEffect(status(State.FIRING, true, 0), SENT)).isFalse();
        assertThat(lift.tookEffect(status(State.FIRING, false, SENT + 10), SENT)).isFalse();
    }

    @Test
    void each_command_round_trips_through_its_time_component() {
        assertThat(AlertCommand.of(new AlertCommand.Acknowledge().timeComponent())).isEqualTo(new AlertCommand.Acknowledge());
        assertThat(AlertCommand.of(new AlertCommand.Silence(Duration.ofSeconds(3600)).timeComponent()))
                .isEqualTo(new AlertCommand.Silence(Duration.ofSeconds(3600)));
        assertThat(AlertCommand.of(new AlertCommand.Lift().timeComponent())).isEqualTo(new AlertCommand.Lift());
    }
}
