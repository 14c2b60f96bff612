package org.jphmesh.sensor.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.BootConfig;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverUnavailableException;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;

/**
 * {@code "Type":"DS18B20"}: a 1-wire thermometer through the kernel's w1-therm driver. {@code Device} is
 * its id ({@code 28-...}); without it, the only one present. Reads {@code w1_slave} and refuses a
 * reading whose CRC line does not end in YES (the bus glitched; the next read retries).
 */
public final class Ds18b20Driver implements Driver {

    private final Codifier codifier;
    private final Path slave;

    public Ds18b20Driver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.codifier = entry.code();
        Path base = Path.of(settings.text("Base", "/sys/bus/w1/devices"));
        String device = settings.optionalText("Device").orElseGet(() -> onlyDevice(base, entry.codifier()));
        this.slave = base.resolve(device).resolve("w1_slave");
        if (!Files.isReadable(slave)) {
            throw new DriverUnavailableException("DS18B20 (" + entry.codifier() + ") needs " + slave
                    + ": enable 1-wire (dtoverlay=w1-gpio) and check the sensor's wiring and id");
        }
    }

    private static String onlyDevice(Path base, String code) {
        List<String> devices;
        try (Stream<Path> list = Files.list(base)) {
            devices = list.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("28-")).sorted().toList();
        } catch (IOException e) {
            throw new DriverUnavailableException("DS18B20 (" + code + ") needs the 1-wire bus at " + base
                    + ": enable it with dtoverlay=w1-gpio in " + BootConfig.path());
        }
        if (devices.size() != 1) {
            throw new DriverUnavailableException("DS18B20 (" + code + ") found " + devices.size()
                    + " thermometers under " + base + (devices.isEmpty() ? "" : " " + devices)
                    + ": name one with Sensor.Device");
        }
        return devices.get(0);
    }

    @Override
    public ReadResult read() throws IOException {
        List<String> lines = Files.readAllLines(slave, StandardCharsets.US_ASCII);
        if (lines.size() < 2 || !lines.get(0).trim().endsWith("YES")) {
            return ReadResult.failed("CRC check failed in " + slave);
        }
        int at = lines.get(1).indexOf("t=");
        if (at < 0) {
            return ReadResult.failed("no t= in " + slave);
        }
        double celsius = Double.parseDouble(lines.get(1).substring(at + 2).trim()) / 1000.0;
        return ReadResult.good(new Reading(codifier, Readings.of(celsius)));
    }
}
