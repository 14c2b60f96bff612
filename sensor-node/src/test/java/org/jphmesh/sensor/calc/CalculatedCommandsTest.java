package org.jphmesh.sensor.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.LatestValues;
import org.jphmesh.sensor.driver.RecordingDriverContext;
import org.junit.jupiter.api.Test;

/** Sensor.Commands of the calculated type: the legacy fan loop closed again. */
class CalculatedCommandsTest {

    private static final String FAN = "{\"Codifier\":\"FK\",\"Type\":\"fanControl\",\"Control\":\"enabled\"}";
    private static final String PUMP = "{\"Codifier\":\"P1\",\"Type\":\"Simulated\"}";

    private final LatestValues latest = new LatestValues();
    private final RecordingDriverContext context = new RecordingDriverContext("FL", latest);

    private ExpressionDriver driver(String sensor) {
        MeshConfig config = Entries.config("{\"Codifier\":\"FL\",\"Type\":\"PythonNinja\",\"Sensor\":" + sensor + "}", FAN, PUMP);
        ExpressionDriver driver = new ExpressionDriver(Entries.entry(config, "FL"), config);
        driver.start(context);
        return driver;
    }

    // The legacy template's hysteresis, with the limits at 24 and 26 so the numbers read plainly.
    private ExpressionDriver fanLoop(String when) {
        return driver("{\"Initial\":{\"FQ\":0},\"Expressions\":{"
                + "\"FQ\":\"IF({{FN}} > 26, 1, IF({{FN}} < 24, 0, {{FQ}}))\"},"
                + "\"Commands\":[{\"To\":\"FK\",\"Flag\":\"A\",\"Value\":\"IF({{FQ}} = 1, 100, 0)\"" + when + "}]}");
    }

    private void at(ExpressionDriver driver, double temperature) {
        latest.put(Codifier.of("FN"), temperature);
        context.clock.advance(5_000);
        driver.read();
    }

    @Test
    void the_fan_loop_sends_a_duty_only_when_the_decision_changes() {
        ExpressionDriver fl = fanLoop("");
        for (double t : new double[] {20, 22, 27, 25, 23, 20}) {
            at(fl, t);
        }
        assertThat(context.commands).containsExactly("A FK 0.0", "A FK 100.0", "A FK 0.0");
    }

    @Test
    void a_temperature_wavering_around_a_limit_does_not_flap_the_fan() {
        ExpressionDriver fl = fanLoop("");
        at(fl, 27);
        for (int i = 0; i < 20; i++) {
            at(fl, i % 2 == 0 ? 25.9 : 26.1);
        }
        assertThat(context.commands).containsExactly("A FK 100.0");
    }

    @Test
    void resend_repeats_the_last_command_and_always_sends_every_read() {
        ExpressionDriver resending = fanLoop(",\"Resend\":10");
        for (int i = 0; i < 4; i++) {
            at(resending, 20);
        }
        assertThat(context.commands).containsExactly("A FK 0.0", "A FK 0.0");

        context.commands.clear();
        ExpressionDriver always = fanLoop(",\"When\":\"always\"");
        for (int i = 0; i < 3; i++) {
            at(always, 20);
        }
        assertThat(context.commands).containsExactly("A FK 0.0", "A FK 0.0", "A FK 0.0");
    }

    @Test
    void a_flapping_input_is_held_to_one_command_per_min_interval_and_the_last_value_still_goes_out() {
        ExpressionDriver fl = driver("{\"Expressions\":{\"FQ\":\"{{FN}}\"},"
                + "\"Commands\":[{\"To\":\"FK\",\"Flag\":\"A\",\"Value\":\"{{FQ}}\",\"MinInterval\":10}]}");
        latest.put(Codifier.of("FN"), 1);
        fl.read();
        latest.put(Codifier.of("FN"), 2);
        context.clock.advance(3_000);
        fl.read();
        latest.put(Codifier.of("FN"), 3);
        context.clock.advance(3_000);
        fl.read();
        assertThat(context.commands).containsExactly("A FK 1.0");

        context.clock.advance(5_000);
        fl.read();
        assertThat(context.commands).containsExactly("A FK 1.0", "A FK 3.0");
    }

    @Test
    void start_and_halt_are_sent_when_their_condition_begins_to_hold() {
        ExpressionDriver fl = driver("{\"Expressions\":{\"FQ\":\"{{FN}}\"},"
                + "\"Commands\":[{\"To\":\"FK\",\"Flag\":\"H\",\"Value\":\"{{FQ}} > 30\",\"MinInterval\":0}]}");
        for (double t : new double[] {20, 31, 32, 20, 35}) {
            at(fl, t);
        }
        assertThat(context.commands).containsExactly("H FK 0.0", "H FK 0.0");
    }

    @Test
    void a_command_to_a_codifier_that_is_not_control_enabled_is_refused_at_load_naming_the_key() {
        assertThatThrownBy(() -> driver("{\"Expressions\":{\"FQ\":\"1\"},"
                + "\"Commands\":[{\"To\":\"P1\",\"Flag\":\"A\",\"Value\":\"{{FQ}}\"}]}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Sensors (FL).Sensor.Commands[0].To: P1 does not say \"Control\": \"enabled\"");
        assertThatThrownBy(() -> driver("{\"Expressions\":{\"FQ\":\"1\"},"
                + "\"Commands\":[{\"To\":\"ZZ\",\"Flag\":\"A\",\"Value\":\"1\"}]}"))
                .hasMessageContaining("Commands[0].To: ZZ has no entry in Sensors");
        assertThatThrownBy(() -> driver("{\"Expressions\":{\"FQ\":\"1\"},"
                + "\"Commands\":[{\"To\":\"FK\",\"Flag\":\"P\",\"Value\":\"1\"}]}"))
                .hasMessageContaining("Commands[0].Flag must be A, E, S or H, not 'P'");
        assertThatThrownBy(() -> driver("{\"Expressions\":{\"FQ\":\"1\"},"
                + "\"Commands\":[{\"To\":\"FK\",\"Flag\":\"A\",\"Value\":\"1\",\"When\":\"sometimes\"}]}"))
                .hasMessageContaining("Commands[0].When must be changed or always");
    }
}
