package org.jphmesh.sensor.sysfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.Entries;
import org.jphmesh.sensor.driver.DriverUnavailableException;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The kernel-file drivers against fake sysfs and procfs trees in a temp folder. */
class SysfsDriversTest {

    @TempDir
    Path dir;

    private static String json(Path path) {
        return path.toString().replace("\\", "\\\\");
    }

    @Test
    void temp_linux_sends_the_file_value_divided_by_a_thousand() throws Exception {
        Path temp = Files.writeString(dir.resolve("temp"), "48312\n");
        MeshConfig config = Entries.config("{\"Codifier\":\"C1\",\"Type\":\"TempLinux\",\"Sensor\":{\"Pipe\":\""
                + json(temp) + "\"}}");

        ReadResult result = new TempLinuxDriver(Entries.entry(config, "C1"), config).read();

        assertThat(result.readings()).containsExactly(new Reading(Codifier.of("C1"), Readings.of(48.312)));
    }

    @Test
    void temp_linux_without_its_file_refuses_to_start_and_names_the_file() {
        MeshConfig config = Entries.config("{\"Codifier\":\"C1\",\"Type\":\"TempLinux\",\"Sensor\":{\"Pipe\":\""
                + json(dir.resolve("thermal_zone9/temp")) + "\"}}");
        assertThatThrownBy(() -> new TempLinuxDriver(Entries.entry(config, "C1"), config))
                .isInstanceOf(DriverUnavailableException.class)
                .hasMessageContaining("thermal_zone9/temp, which does not exist");
    }

    @Test
    void temp_linux_without_a_pipe_key_names_the_key() {
        MeshConfig config = Entries.config("{\"Codifier\":\"C1\",\"Type\":\"TempLinux\"}");
        assertThatThrownBy(() -> new TempLinuxDriver(Entries.entry(config, "C1"), config))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Sensors (C1).Sensor.Pipe is missing");
    }

    @Test
    void ds18b20_reads_w1_slave_and_refuses_a_reading_with_a_bad_crc() throws Exception {
        Path device = Files.createDirectories(dir.resolve("28-0316a2795bff"));
        Files.writeString(device.resolve("w1_slave"),
                "72 01 4b 46 7f ff 0e 10 57 : crc=57 YES\n72 01 4b 46 7f ff 0e 10 57 t=23125\n");
        MeshConfig config = Entries.config("{\"Codifier\":\"D1\",\"Type\":\"DS18B20\",\"Sensor\":{\"Base\":\""
                + json(dir) + "\"}}");
        Ds18b20Driver driver = new Ds18b20Driver(Entries.entry(config, "D1"), config);

        assertThat(driver.read().readings()).containsExactly(new Reading(Codifier.of("D1"), Readings.of(23.125)));

        Files.writeString(device.resolve("w1_slave"), "72 01 4b 46 7f ff 0e 10 57 : crc=57 NO\nxx t=85000\n");
        assertThat(driver.read().status()).isEqualTo(ReadResult.Status.FAILED);
    }

    @Test
    void the_dht_reader_finds_the_kernel_device_and_sends_humidity_to_its_proxy() throws Exception {
        Path device = Files.createDirectories(dir.resolve("iio:device0"));
        Files.writeString(device.resolve("name"), "dht11\n");
        Files.writeString(device.resolve("in_temp_input"), "21300\n");
        Files.writeString(device.resolve("in_humidityrelative_input"), "64900\n");
        MeshConfig config = Entries.config("{\"Codifier\":\"F1\",\"Type\":\"ADAfruitReader\",\"Sensor\":{\"Pin\":\"21\","
                + "\"Base\":\"" + json(dir) + "\",\"Proxy\":[{\"Codifier\":\"F2\"}]}}");

        ReadResult result = new IioHumidityDriver(Entries.entry(config, "F1"), config).read();

        assertThat(result.readings()).containsExactly(new Reading(Codifier.of("F1"), Readings.of(21.3)),
                new Reading(Codifier.of("F2"), Readings.of(64.9)));
    }

    @Test
    void the_dht_reader_without_the_kernel_driver_says_which_overlay_to_add() {
        MeshConfig config = Entries.config("{\"Codifier\":\"F1\",\"Type\":\"ADAfruitReader\",\"Sensor\":{\"Pin\":\"21\","
                + "\"Base\":\"" + json(dir) + "\"}}");
        assertThatThrownBy(() -> new IioHumidityDriver(Entries.entry(config, "F1"), config))
                .isInstanceOf(DriverUnavailableException.class)
                .hasMessageContaining("dtoverlay=dht11,gpiopin=21");
    }

    @Test
    void with_two_dht_sensors_the_reader_asks_which_one_instead_of_guessing() throws Exception {
        for (String device : new String[] {"iio:device0", "iio:device1"}) {
            Path dht = Files.createDirectories(dir.resolve(device));
            Files.writeString(dht.resolve("name"), "dht11\n");
            Files.writeString(dht.resolve("in_temp_input"), "20000\n");
        }
        MeshConfig config = Entries.config("{\"Codifier\":\"F1\",\"Type\":\"ADAfruitReader\",\"Sensor\":{"
                + "\"Base\":\"" + json(dir) + "\"}}");
        assertThatThrownBy(() -> new IioHumidityDriver(Entries.entry(config, "F1"), config))
                .isInstanceOf(DriverUnavailableException.class)
                .hasMessageContaining("found 2 DHT devices").hasMessageContaining("Sensor.Device");
    }

    @Test
    void system_health_reports_each_metric_to_its_codifier() throws Exception {
        Files.writeString(dir.resolve("loadavg"), "0.42 0.30 0.20 1/123 4567\n");
        Files.writeString(dir.resolve("uptime"), "7200.00 1000.00\n");
        Files.writeString(dir.resolve("meminfo"), "MemTotal:  1000 kB\nMemFree: 100 kB\nMemAvailable:  250 kB\n");
        Path thermal = Files.writeString(dir.resolve("temp"), "51000\n");
        MeshConfig config = Entries.config("{\"Codifier\":\"H1\",\"Type\":\"SystemHealth\",\"Sensor\":{\"Proc\":\""
                + json(dir) + "\",\"Thermal\":\"" + json(thermal) + "\",\"Proxy\":["
                + "{\"Codifier\":\"H2\",\"Metric\":\"memory-used\"},{\"Codifier\":\"H3\",\"Metric\":\"uptime\"},"
                + "{\"Codifier\":\"H4\",\"Metric\":\"cpu-temperature\"},{\"Codifier\":\"H5\",\"Metric\":\"disk-used\"}]}}");

        ReadResult result = new SystemHealthDriver(Entries.entry(config, "H1"), config).read();

        assertThat(result.status()).isEqualTo(ReadResult.Status.GOOD);
        assertThat(result.readings()).contains(new Reading(Codifier.of("H1"), Readings.of(0.42)),
                new Reading(Codifier.of("H2"), Readings.of(75.0)), new Reading(Codifier.of("H3"), Readings.of(2.0)),
                new Reading(Codifier.of("H4"), Readings.of(51.0)));
        assertThat(result.readings()).hasSize(5);
    }
}
