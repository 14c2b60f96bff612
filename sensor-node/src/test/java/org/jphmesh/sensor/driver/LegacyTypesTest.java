package org.jphmesh.sensor.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jphmesh.app.roles.ProgramRoles;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.DriverRegistry;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.setpoint.ControlSensorDriver;
import org.junit.jupiter.api.Test;

class LegacyTypesTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path stateDir;

    @Test
    void every_type_in_the_legacy_config_is_a_driver_of_this_build_or_a_role_of_another_program() throws Exception {
        String json;
        try (InputStream in = LegacyTypesTest.class.getResourceAsStream("/legacy/config.json")) {
            json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        MeshConfig config = ConfigLoader.parse(json, "legacy");
        for (SensorConfig entry : config.sensors()) {
            assertThat(DriverRegistry.forType(entry.type()).isPresent() || ProgramRoles.isRole(entry.type()))
                    .as(entry.codifier() + " " + entry.type()).isTrue();
        }
    }

    @Test
    void checking_whether_a_fan_can_start_reads_its_settings_before_any_hardware_and_names_a_bad_key() {
        MeshConfig config = Entries.config("{\"Codifier\":\"FK\",\"Type\":\"fanControl\",\"Sensor\":{\"Channel\":\"two\"}}");
        SensorConfig entry = Entries.entry(config, "FK");

        assertThatThrownBy(() -> DriverRegistry.check(entry, config))
                .hasMessage("Sensors (FK).Sensor.Channel must be a number, not \"two\"");
    }

    @Test
    void retired_types_refuse_to_start_and_say_what_to_use_instead() {
        MeshConfig config = Entries.config("{\"Codifier\":\"N1\",\"Type\":\"NestReader\"}",
                "{\"Codifier\":\"M1\",\"Type\":\"DwarfpoolReader\"}", "{\"Codifier\":\"W1\",\"Type\":\"ZwavePower\"}");
        for (String code : new String[] {"N1", "M1", "W1"}) {
            SensorConfig entry = Entries.entry(config, code);
            assertThatThrownBy(() -> DriverRegistry.forType(entry.type()).orElseThrow().create(entry, config))
                    .isInstanceOf(DriverUnavailableException.class)
                    .hasMessageContaining("is retired")
                    .hasMessageMatching(".*\"Type\": \"(MqttInput|failsafeReader)\".*");
        }
    }

    @Test
    void a_set_point_starts_at_its_default_and_follows_set_and_step_within_its_limits() {
        // Its own state file and no Redis (port 1 refuses at once): nothing kept yet, so it starts at Default.
        MeshConfig config = Entries.config("{\"Codifier\":\"FG\",\"Type\":\"controlSensor\",\"Control\":\"enabled\","
                + "\"Sensor\":{\"Default\":\"6\",\"Min\":0,\"Max\":100,\"StateFile\":\"" + stateDir.resolve("FG.json")
                + "\",\"Redis\":{\"Port\":1}}}");
        ControlSensorDriver driver = new ControlSensorDriver(Entries.entry(config, "FG"), config);
        Codifier fg = Codifier.of("FG");
        Codifier ck = Codifier.of("CK");

        assertThat(driver.read().readings()).containsExactly(new Reading(fg, Readings.of(6.0)));
        driver.onControl(Frame.control(1, 1, Flag.SET, ck, fg, 60, true));
        driver.onControl(Frame.control(2, 1, Flag.STEP, ck, fg, -5, true));
        assertThat(driver.value()).isEqualTo(55);
        driver.onControl(Frame.control(3, 1, Flag.STEP, ck, fg, 500, true));
        assertThat(driver.read().readings()).containsExactly(new Reading(fg, Readings.of(100.0)));
    }

    @Test
    void exec_kills_a_command_that_outlives_its_timeout() throws Exception {
        MeshConfig config = Entries.config("{\"Codifier\":\"E3\",\"Type\":\"Exec\",\"Sensor\":{\"Command\":\"sleep 30\","
                + "\"Timeout\":0.3}}");
        ReadResult result = new org.jphmesh.sensor.exec.ExecDriver(Entries.entry(config, "E3"), config).read();
        assertThat(result.status()).isEqualTo(ReadResult.Status.FAILED);
        assertThat(result.problem()).contains("did not finish within 300 ms");
        // SIGKILL is sent at once; the kernel takes a moment to tear the processes down on a busy machine.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("sleep 30"))).isEmpty());
    }

    @Test
    void exec_sends_the_first_number_a_command_prints_and_fails_on_a_non_zero_exit() throws Exception {
        MeshConfig config = Entries.config("{\"Codifier\":\"E1\",\"Type\":\"Exec\",\"Sensor\":{\"Command\":\"echo 'temp=21.75 C'\"}}",
                "{\"Codifier\":\"E2\",\"Type\":\"Exec\",\"Sensor\":{\"Command\":[\"/bin/sh\",\"-c\",\"exit 3\"]}}");
        assertThat(new org.jphmesh.sensor.exec.ExecDriver(Entries.entry(config, "E1"), config).read().readings())
                .containsExactly(new Reading(Codifier.of("E1"), Readings.of(21.75)));
        ReadResult failed = new org.jphmesh.sensor.exec.ExecDriver(Entries.entry(config, "E2"), config).read();
        assertThat(failed.status()).isEqualTo(ReadResult.Status.FAILED);
        assertThat(failed.problem()).contains("exited 3");
    }
}
