package org.jphmesh.sensor.sysfs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverUnavailableException;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;

/**
 * {@code "Type":"TempLinux"}: reads a number from {@code Sensor.Pipe} (a file or a named pipe, e.g.
 * {@code /sys/class/thermal/thermal_zone0/temp}) and divides it by {@code Divisor} (default 1000:
 * the kernel reports millidegrees).
 */
public final class TempLinuxDriver implements Driver {

    private final Codifier codifier;
    private final Path pipe;
    private final double divisor;

    public TempLinuxDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.codifier = entry.code();
        this.pipe = Path.of(settings.text("Pipe"));
        this.divisor = settings.number("Divisor", 1000);
        if (!Files.isReadable(pipe)) {
            throw new DriverUnavailableException("TempLinux (" + entry.codifier() + ") reads " + pipe
                    + ", which does not exist or cannot be read on this host"
                    + (pipe.startsWith("/sys/class/thermal") ? " (no thermal sensor exposed by the kernel)" : ""));
        }
    }

    @Override
    public ReadResult read() throws Exception {
        return ReadResult.good(new Reading(codifier, Readings.of(SysfsFiles.number(pipe) / divisor)));
    }
}
