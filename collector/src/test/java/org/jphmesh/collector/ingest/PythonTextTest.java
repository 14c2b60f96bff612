package org.jphmesh.collector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import org.jphmesh.bus.frame.FloatReading;
import org.jphmesh.bus.frame.IntegerReading;
import org.jphmesh.bus.frame.JsonReading;
import org.jphmesh.bus.frame.TextReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The expected texts are what CPython 3 prints: {@code repr(x)} for floats, {@code str(x)} for the rest. */
class PythonTextTest {

    @ParameterizedTest
    @CsvSource({"21.5,21.5", "7,7.0", "1796000000000,1796000000000.0", "1796000000000.123,1796000000000.123",
            "1e16,1e+16", "1.5e-5,1.5e-05", "0.0001,0.0001", "123456789012345.6,123456789012345.6",
            "-3.25,-3.25", "0,0.0", "-2.5e20,-2.5e+20", "0.1,0.1", "2.0E-3,0.002", "1.0E23,1e+23",
            "2.82879384806159E17,2.82879384806159e+17"})
    void a_double_is_written_as_python_repr_writes_it(double value, String python) {
        assertThat(PythonText.number(value)).isEqualTo(python);
    }

    @Test
    void an_integer_reading_is_an_integer_and_a_float_reading_its_shortest_decimal() {
        assertThat(PythonText.reading(new IntegerReading(7))).isEqualTo("7");
        assertThat(PythonText.reading(new FloatReading(21.3f))).isEqualTo("21.3");
        assertThat(PythonText.reading(new FloatReading(7f))).isEqualTo("7.0");
        assertThat(PythonText.reading(new FloatReading(12345678f))).isEqualTo("12345678.0");
    }

    @Test
    void a_json_reading_is_written_by_the_type_of_its_value_member() {
        assertThat(PythonText.reading(new JsonReading("{\"value\":7}"))).isEqualTo("7");
        assertThat(PythonText.reading(new JsonReading("{\"value\":7.0}"))).isEqualTo("7.0");
        assertThat(PythonText.reading(new JsonReading("{\"value\":true}"))).isEqualTo("True");
        assertThat(PythonText.reading(new JsonReading("{\"value\":false,\"x\":1}"))).isEqualTo("False");
        assertThat(PythonText.reading(new JsonReading("{\"value\":\"text\"}"))).isEqualTo("text");
        assertThat(PythonText.reading(new JsonReading("{\"value\":1234567890123456789}"))).isEqualTo("1234567890123456789");
        assertThat(PythonText.reading(new JsonReading("{\"value\":null}"))).isEqualTo("None");
    }

    @Test
    void a_json_reading_without_a_value_member_is_stored_as_its_text() {
        assertThat(PythonText.reading(new JsonReading("{\"links\":{\"a\":1}}"))).isEqualTo("{\"links\":{\"a\":1}}");
        assertThat(PythonText.reading(new JsonReading("[1,2]"))).isEqualTo("[1,2]");
        assertThat(PythonText.reading(new JsonReading("not json"))).isEqualTo("not json");
    }

    @Test
    void a_text_reading_is_its_text() {
        assertThat(PythonText.reading(new TextReading("door open"))).isEqualTo("door open");
    }
}
