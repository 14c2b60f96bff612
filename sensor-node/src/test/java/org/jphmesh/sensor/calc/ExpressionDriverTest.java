package org.jphmesh.sensor.calc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.ReadingValues;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.RecordingDriverContext;
import org.jphmesh.sensor.driver.DriverUnavailableException;
import org.jphmesh.sensor.driver.LatestValues;
import org.jphmesh.sensor.driver.ReadResult;
import org.junit.jupiter.api.Test;

/** The two calculations the legacy PythonNinja templates did, as expressions. */
class ExpressionDriverTest {

    private final LatestValues latest = new LatestValues();

    private ExpressionDriver driver(String code, String sensor) {
        MeshConfig config = Entries.config("{\"Codifier\":\"" + code + "\",\"Type\":\"PythonNinja\",\"Sensor\":" + sensor + "}");
        ExpressionDriver driver = new ExpressionDriver(Entries.entry(config, code), config);
        driver.start(new RecordingDriverContext(code, latest));
        return driver;
    }

    private static double value(ReadResult result, String code) {
        return result.readings().stream().filter(r -> r.codifier().equals(Codifier.of(code))).findFirst()
                .map(r -> ReadingValues.numeric(r.payload()).orElseThrow()).orElseThrow();
    }

    private void heard(String code, double value) {
        latest.put(Codifier.of(code), value);
    }

    @Test
    void the_mixing_temperature_of_two_loops_is_the_flow_weighted_mean() {
        ExpressionDriver pa = driver("PA", "{\"Expressions\":{"
                + "\"PB\":\"({{X2}} * {{A4}} + {{Y2}} * {{A5}}) / ({{X2}} + {{Y2}})\","
                + "\"PC\":\"{{A3}} - {{A4}}\"}}");
        heard("X2", 10);
        heard("A4", 30);
        heard("Y2", 30);
        heard("A5", 20);
        heard("A3", 34.5);

        ReadResult result = pa.read();

        assertThat(result.status()).isEqualTo(ReadResult.Status.GOOD);
        assertThat(value(result, "PB")).isEqualTo(22.5);
        assertThat(value(result, "PC")).isEqualTo(4.5);
    }

    @Test
    void the_fan_runs_above_the_upper_limit_stops_below_the_lower_and_holds_in_between() {
        ExpressionDriver fl = driver("FL", "{\"Initial\":{\"FQ\":0},\"Expressions\":{"
                + "\"FO\":\"243.12 * (LOG({{F2}} / 100) + 17.62 * {{F1}} / (243.12 + {{F1}}))"
                + " / (17.62 - (LOG({{F2}} / 100) + 17.62 * {{F1}} / (243.12 + {{F1}})))\","
                + "\"FN\":\"MAX({{A1}}, {{A3}})\","
                + "\"FR\":\"{{FO}} + 15\",\"FS\":\"{{FO}} + 10\","
                + "\"FQ\":\"IF({{FN}} > {{FR}}, 1, IF({{FN}} < {{FS}}, 0, {{FQ}}))\"}}");
        heard("F1", 20);
        heard("F2", 50);
        double gamma = Math.log(0.5) + 17.62 * 20 / (243.12 + 20);
        double dewPoint = 243.12 * gamma / (17.62 - gamma);
        heard("A3", 10);

        double[] inputs = {18, 22, 26, 22, 18};
        double[] running = new double[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            heard("A1", inputs[i]);
            ReadResult result = fl.read();
            assertThat(value(result, "FO")).isCloseTo(dewPoint, org.assertj.core.data.Offset.offset(1e-9));
            running[i] = value(result, "FQ");
        }

        assertThat(dewPoint).isBetween(9.2, 9.3);
        assertThat(running).containsExactly(0, 0, 1, 1, 0);
    }

    @Test
    void an_output_whose_input_was_never_heard_is_a_read_with_errors_and_the_rest_are_sent() {
        ExpressionDriver pa = driver("PA", "{\"Expressions\":{\"PB\":\"{{X2}} * 2\",\"PC\":\"{{Q7}} + 1\"}}");
        heard("X2", 4);

        ReadResult result = pa.read();

        assertThat(result.status()).isEqualTo(ReadResult.Status.WITH_ERRORS);
        assertThat(result.problem()).contains("no value heard yet from Q7");
        assertThat(value(result, "PB")).isEqualTo(8);
    }

    @Test
    void an_invalid_expression_names_its_output() {
        assertThatThrownBy(() -> driver("PA", "{\"Expressions\":{\"PB\":\"({{X2}} * \"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Sensors (PA).Sensor.Expressions.PB is not a valid expression");
    }

    @Test
    void the_legacy_python_template_is_refused_with_how_to_write_it_as_expressions() {
        assertThatThrownBy(() -> driver("PA", "{\"Filename\":\"pytemplates/mixtemp.py\"}"))
                .isInstanceOf(DriverUnavailableException.class)
                .hasMessageContaining("with exec, which this mesh never does")
                .hasMessageContaining("Sensor.Expressions");
    }

    @Test
    void expressions_cannot_reach_anything_but_arithmetic() {
        assertThatThrownBy(() -> driver("PA", "{\"Expressions\":{\"PB\":\"java.lang.Runtime.getRuntime()\"}}"))
                .isInstanceOf(ConfigException.class);
    }
}
