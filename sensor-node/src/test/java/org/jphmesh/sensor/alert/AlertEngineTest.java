package org.jphmesh.sensor.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jphmesh.app.alerts.AlertCommand;
import org.jphmesh.app.alerts.AlertStatus.State;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.BusChannel;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.bus.sequence.SequenceStats;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.alert.notify.Notification;
import org.jphmesh.sensor.driver.LatestValues;
import org.junit.jupiter.api.Test;

/** The rules' state machine, moved through time by hand: no threads, no sockets. */
class AlertEngineTest {

    private static final Codifier G1 = Codifier.of("G1");
    private static final Codifier FK = Codifier.of("FK");
    private static final long START = 1_700_000_000_000L;

    private final HeardFrames heard = new HeardFrames();
    private final LatestValues latest = new LatestValues();
    private final Map<Codifier, SequenceStats> sequences = new HashMap<>();
    private final List<Notification> sent = new ArrayList<>();
    private long now = START;
    private long sequence;
    private AlertEngine engine;

    private AlertEngine rules(String... rules) {
        MeshConfig config = Entries.config("{\"Codifier\":\"AL\",\"Type\":\"Alerts\",\"SensorInterval\":5,\"Sensor\":{"
                        + "\"Notify\":{\"Webhook\":{\"Url\":\"http://127.0.0.1:9/hook\"},\"Repeat\":600},"
                        + "\"Proxy\":[" + String.join(",", rules) + "]}}",
                "{\"Codifier\":\"G1\",\"Type\":\"Simulated\",\"SensorInterval\":5}",
                "{\"Codifier\":\"FK\",\"Type\":\"fanControl\",\"SensorInterval\":5}");
        List<AlertRule> read = new RuleReader(Entries.entry(config, "AL"), config).rules();
        engine = new AlertEngine(Codifier.of("AL"), read,
                new MeshWatch(heard, latest, code -> Optional.ofNullable(sequences.get(code))), now);
        return engine;
    }

    private void reading(double value) {
        latest.put(G1, value);
        heard.heard(Frame.data(++sequence, now, G1, Readings.of(value)), now);
    }

    private void at(long seconds) {
        now = START + seconds * 1000;
    }

    private Outcome evaluate() {
        Outcome out = new Outcome();
        engine.sweep(now, out);
        for (int i = 0; i < engine.rules().size(); i++) {
            engine.evaluate(i, now, out);
        }
        out.notices().forEach(notice -> sent.add(notice.notification()));
        return out;
    }

    private State state() {
        return engine.state(0).state();
    }

    private List<String> transitions() {
        return sent.stream().map(n -> n.alert() + " " + n.state().word()).toList();
    }

    @Test
    void a_value_wavering_around_the_threshold_neither_resets_for_nor_resolves_once_firing() {
        rules("{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 30\",\"Clear\":\"{{G1}} < 28\",\"For\":20}");
        reading(25);
        evaluate();
        assertThat(state()).isEqualTo(State.OK);

        for (int s = 1; s <= 19; s++) {
            at(s);
            reading(s % 2 == 0 ? 29.5 : 30.5);
            evaluate();
            assertThat(state()).as("second %d", s).isEqualTo(State.PENDING);
        }
        at(21);
        reading(29.5);
        evaluate();
        assertThat(state()).isEqualTo(State.FIRING);
        for (int s = 22; s < 60; s++) {
            at(s);
            reading(s % 2 == 0 ? 28.5 : 31);
            evaluate();
        }
        assertThat(state()).isEqualTo(State.FIRING);
        assertThat(transitions()).containsExactly("W1 firing");

        at(61);
        reading(27.5);
        evaluate();
        assertThat(state()).isEqualTo(State.OK);
        assertThat(transitions()).containsExactly("W1 firing", "W1 resolved");
    }

    @Test
    void a_spike_shorter_than_for_that_falls_below_clear_never_fires() {
        rules("{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 30\",\"Clear\":\"{{G1}} < 28\",\"For\":20}");
        reading(31);
        evaluate();
        assertThat(state()).isEqualTo(State.PENDING);
        at(10);
        reading(25);
        evaluate();
        at(40);
        evaluate();
        assertThat(state()).isEqualTo(State.OK);
        assertThat(sent).isEmpty();
    }

    @Test
    void a_silent_input_fires_after_after_and_resolves_when_readings_come_again() {
        rules("{\"Codifier\":\"S1\",\"Stale\":\"G1\",\"After\":30}");
        reading(20);
        at(29);
        evaluate();
        assertThat(state()).isEqualTo(State.OK);
        at(30);
        evaluate();
        assertThat(state()).isEqualTo(State.FIRING);
        assertThat(engine.state(0).message()).contains("no reading of G1 for 30 s");

        at(40);
        reading(21);
        evaluate();
        assertThat(state()).as("one reading after a silence is not yet a return").isEqualTo(State.FIRING);
        at(45);
        reading(21);
        evaluate();
        assertThat(state()).isEqualTo(State.OK);
        assertThat(transitions()).containsExactly("S1 firing", "S1 resolved");
    }

    @Test
    void a_short_dropout_of_a_silence_does_not_reset_a_running_for() {
        rules("{\"Codifier\":\"S1\",\"Stale\":\"G1\",\"After\":10,\"For\":30}");
        reading(20);
        at(10);
        evaluate();
        assertThat(state()).isEqualTo(State.PENDING);
        at(20);
        reading(20);
        evaluate();
        at(39);
        evaluate();
        assertThat(state()).isEqualTo(State.PENDING);
        at(40);
        evaluate();
        assertThat(state()).isEqualTo(State.FIRING);
    }

    @Test
    void a_rule_whose_input_was_never_heard_is_pending_for_its_grace_then_fires() {
        rules("{\"Codifier\":\"S1\",\"Stale\":\"G1\",\"After\":30}",
                "{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 30\"}");
        evaluate();
        assertThat(engine.state(0).state()).isEqualTo(State.PENDING);
        assertThat(engine.state(1).state()).isEqualTo(State.PENDING);
        at(15);
        evaluate();
        assertThat(engine.state(1).state()).as("W1's grace is three of G1's 5 s intervals, at least 10 s")
                .isEqualTo(State.FIRING);
        assertThat(engine.state(0).state()).isEqualTo(State.PENDING);
        at(30);
        evaluate();
        assertThat(engine.state(0).state()).isEqualTo(State.FIRING);
        assertThat(engine.state(0).message()).contains("no reading of G1 heard");
    }

    @Test
    void a_firing_alert_repeats_until_acknowledged_and_a_silence_holds_back_even_the_first_notification() {
        rules("{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 30\"}", "{\"Codifier\":\"W2\",\"When\":\"{{G1}} > 40\"}");
        Outcome out = new Outcome();
        engine.command(Codifier.of("W2"), new AlertCommand.Silence(Duration.ofSeconds(3600)), now, out);
        reading(45);
        evaluate();
        assertThat(transitions()).containsExactly("W1 firing");
        at(600);
        reading(45);
        evaluate();
        assertThat(transitions()).containsExactly("W1 firing", "W1 firing");
        assertThat(sent.get(1).id()).isNotEqualTo(sent.get(0).id());

        engine.command(Codifier.of("W1"), new AlertCommand.Acknowledge(), now, new Outcome());
        assertThat(engine.status(0).acknowledged()).isTrue();
        at(1800);
        evaluate();
        assertThat(transitions()).as("acknowledged: no more repeats").hasSize(2);

        at(3601);
        evaluate();
        assertThat(transitions()).as("the silence is over: W2 is announced").containsExactly("W1 firing", "W1 firing", "W2 firing");
        at(3700);
        reading(20);
        evaluate();
        assertThat(transitions()).endsWith("W1 resolved", "W2 resolved");
        assertThat(engine.status(0).acknowledged()).as("a resolve ends the acknowledgement").isFalse();
    }

    @Test
    void a_restored_firing_state_is_not_announced_again() {
        rules("{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 30\"}");
        reading(35);
        evaluate();
        assertThat(transitions()).containsExactly("W1 firing");
        Map<Codifier, RuleState> kept = engine.snapshot(now);

        rules("{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 30\"}");
        engine.restore(kept);
        at(5);
        evaluate();
        reading(35);
        evaluate();
        assertThat(state()).isEqualTo(State.FIRING);
        assertThat(transitions()).containsExactly("W1 firing");
    }

    @Test
    void only_rules_with_something_to_remember_are_kept_on_disk() {
        rules("{\"Codifier\":\"W1\",\"When\":\"{{G1}} > 30\"}", "{\"Codifier\":\"W2\",\"When\":\"{{G1}} > 40\"}",
                "{\"Codifier\":\"W3\",\"When\":\"{{G1}} > 50\"}");
        reading(35);
        evaluate();
        engine.command(Codifier.of("W3"), new AlertCommand.Silence(Duration.ofSeconds(60)), now, new Outcome());

        assertThat(engine.snapshot(now)).containsOnlyKeys(Codifier.of("W1"), Codifier.of("W3"));
        at(61);
        assertThat(engine.snapshot(now)).as("the silence is over").containsOnlyKeys(Codifier.of("W1"));
    }

    @Test
    void a_rate_loss_and_halted_rule_each_fire_on_what_they_watch() {
        rules("{\"Codifier\":\"R1\",\"Rate\":\"G1\",\"Per\":60,\"Above\":5}",
                "{\"Codifier\":\"L1\",\"Loss\":\"G1\",\"Window\":300,\"Above\":2}",
                "{\"Codifier\":\"H1\",\"Halted\":\"FK\"}");
        sequences.put(G1, stats(0, 0));
        reading(20);
        heard.heard(Frame.control(1, now, Flag.ALIVE, FK, Codifier.BROADCAST, START, true), now);
        evaluate();
        assertThat(engine.status(0).state()).isEqualTo(State.OK);

        at(30);
        reading(24);
        sequences.put(G1, stats(100, 1));
        evaluate();
        assertThat(engine.status(0).state()).as("4 in 30 s is 8 a minute").isEqualTo(State.FIRING);
        assertThat(engine.status(1).state()).as("1 of 101 is under 2 %").isEqualTo(State.OK);
        assertThat(engine.status(2).state()).isEqualTo(State.OK);

        at(40);
        sequences.put(G1, stats(200, 10));
        heard.heard(Frame.control(2, now, Flag.ALIVE, FK, Codifier.BROADCAST, START, false), now);
        evaluate();
        assertThat(engine.status(1).state()).as("10 of 210").isEqualTo(State.FIRING);
        assertThat(engine.status(2).state()).isEqualTo(State.FIRING);
        assertThat(engine.status(2).message()).isEqualTo("FK is halted");
    }

    private static SequenceStats stats(long received, long lost) {
        return new SequenceStats(G1, BusChannel.DATA, received, lost, 0, 0, 0, received, 0);
    }
}
