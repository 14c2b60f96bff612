package org.jphmesh.sensor.sysfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code "Type":"ADAfruitReader"}: an AM2302/DHT22 through the kernel's IIO dht11 driver
 * ({@code dtoverlay=dht11,gpiopin=<Pin>}). Temperature goes to the entry's codifier, humidity to its
 * first proxy. A DHT answers one read in several with EIO; each read tries up to {@code Retries} times.
 */
public final class IioHumidityDriver implements Driver {

    private final Codifier temperature;
    private final Codifier humidity;
    private final Path device;
    private final int retries;

    public IioHumidityDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.temperature = entry.code();
        List<ConfigBlock.Proxy> proxies = settings.proxies();
        this.humidity = proxies.isEmpty() ? null : proxies.get(0).codifier();
        this.retries = settings.integer("Retries", 3);
        Path base = Path.of(settings.text("Base", "/sys/bus/iio/devices"));
        this.device = settings.optionalText("Device").map(base::resolve)
                .orElseGet(() -> findDht(base, entry.codifier(), settings.text("Pin", "<pin>")));
        if (!Files.isReadable(device.resolve("in_temp_input"))) {
            throw new DriverUnavailableException("ADAfruitReader (" + entry.codifier() + ") needs "
                    + device.resolve("in_temp_input") + " from the kernel DHT driver");
        }
    }

    private static Path findDht(Path base, String code, String pin) {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> devices = Files.list(base)) {
            for (Path candidate : devices.sorted().toList()) {
                Path name = candidate.resolve("name");
                if (Files.isReadable(name) && Files.readString(name).trim().startsWith("dht")) {
                    found.add(candidate);
                }
            }
        } catch (IOException e) {
            // fall through to the message below
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.size() > 1) {
            throw new DriverUnavailableException("ADAfruitReader (" + code + ") found " + found.size()
                    + " DHT devices under " + base + ": name this one with Sensor.Device (e.g. \""
                    + found.get(0).getFileName() + "\")");
        }
        throw new DriverUnavailableException("ADAfruitReader (" + code + ") needs the kernel DHT driver:"
                + " add dtoverlay=dht11,gpiopin=" + pin + " to " + BootConfig.path() + " and reboot (no DHT device under "
                + base + ")");
    }

    @Override
    public ReadResult read() throws InterruptedException {
        IOException last = null;
        for (int attempt = 1; attempt <= retries; attempt++) {
            try {
                List<Reading> readings = new ArrayList<>(2);
                readings.add(new Reading(temperature,
                        Readings.of(SysfsFiles.number(device.resolve("in_temp_input")) / 1000.0)));
                if (humidity != null) {
                    readings.add(new Reading(humidity,
                            Readings.of(SysfsFiles.number(device.resolve("in_humidityrelative_input")) / 1000.0)));
                }
                return ReadResult.good(readings);
            } catch (IOException e) {
                last = e;
                // The sensor needs a moment after a failed transfer.
                Thread.sleep(100);
            }
        }
        return ReadResult.failed("DHT read failed " + retries + " times: " + last.getMessage());
    }
}
