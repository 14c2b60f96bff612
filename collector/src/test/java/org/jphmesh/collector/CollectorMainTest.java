package org.jphmesh.collector;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.jphmesh.bus.testing.TestMesh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Config errors of a collector entry: refused before the bus is joined, naming the key, never echoing a secret. */
class CollectorMainTest {

    @TempDir
    Path dir;

    private final TestMesh mesh = TestMesh.fresh();

    private String run(String sensorBlock) {
        Path config = mesh.writeConfig(dir, TestMesh.entry("Q1", "Collector", 60, 60, "\"Sensor\":" + sensorBlock));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(CollectorMain.run("-c", "Q1", "-u", config.toString())).isEqualTo(2);
        } finally {
            System.setErr(err);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void a_password_written_where_the_password_file_belongs_is_never_printed() {
        String error = run("{\"SQL\":{\"Database\":\"jph\",\"User\":\"jph\",\"Password\":\"Hunter2-secret!\"}}");
        assertThat(error).contains("Sensors (Q1).Sensor.SQL.Password must name a file").doesNotContain("Hunter2-secret!");
    }

    @Test
    void a_port_that_is_not_a_number_is_an_error_naming_the_key_not_the_default_port() {
        assertThat(run("{\"Redis\":{\"Port\":\"abc\"}}")).contains("Sensors (Q1).Sensor.Redis.Port must be a number, not \"abc\"");
        assertThat(run("{\"SQL\":{\"Database\":\"jph\",\"User\":\"jph\",\"Port\":\"abc\"}}"))
                .contains("Sensors (Q1).Sensor.SQL.Port must be a number, not \"abc\"");
    }

    @Test
    void a_spool_cap_that_is_not_a_number_is_an_error_naming_the_key() {
        assertThat(run("{\"SQL\":{\"Database\":\"jph\",\"User\":\"jph\"},\"SpoolCapBytes\":\"lots\"}"))
                .contains("Sensors (Q1).Sensor.SpoolCapBytes must be a number, not \"lots\"");
    }

    @Test
    void a_bad_retention_or_half_a_sentinel_setup_is_refused_at_start_naming_the_key() {
        assertThat(run("{\"SQL\":{\"Database\":\"jph\",\"User\":\"jph\"},\"Retention\":{\"Codifiers\":{\"T1\":{\"Raw\":\"6 months\"}}}}"))
                .contains("Sensors (Q1).Sensor.Retention.Codifiers.T1.Raw must be days, weeks or years");
        assertThat(run("{\"Redis\":{\"Sentinels\":[\"127.0.0.1:26379\"]}}"))
                .contains("Sensors (Q1).Sensor.Redis.Master is missing");
        assertThat(run("{\"SQL\":{\"Database\":\"jph\",\"User\":\"jph\",\"Host\":\"db1:5432,db2:x\"}}"))
                .contains("Sensors (Q1).Sensor.SQL.Host must list host names or addresses");
    }
}
