package org.jphmesh.sensor.sysfs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;

/**
 * {@code "Type":"SystemHealth"}: the board's own health, one metric per codifier. {@code Metric} on the
 * entry and on each {@code Proxy[]} is one of {@code cpu-temperature} (°C), {@code load1},
 * {@code memory-used} (%), {@code disk-used} (% of {@code Disk}, default /) and {@code uptime} (hours).
 */
public final class SystemHealthDriver implements Driver {

    private static final List<String> METRICS =
            List.of("cpu-temperature", "load1", "memory-used", "disk-used", "uptime");

    private final Map<Codifier, String> metrics = new LinkedHashMap<>();
    private final Path proc;
    private final Path thermal;
    private final Path disk;

    public SystemHealthDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.proc = Path.of(settings.text("Proc", "/proc"));
        this.thermal = Path.of(settings.text("Thermal", "/sys/class/thermal/thermal_zone0/temp"));
        this.disk = Path.of(settings.text("Disk", "/"));
        metrics.put(entry.code(), metric(settings, "load1"));
        for (ConfigBlock.Proxy proxy : settings.proxies()) {
            metrics.put(proxy.codifier(), metric(proxy.settings(), null));
        }
    }

    private static String metric(ConfigBlock settings, String fallback) {
        String metric = fallback == null ? settings.text("Metric") : settings.text("Metric", fallback);
        String normal = metric.toLowerCase(Locale.ROOT);
        if (!METRICS.contains(normal)) {
            throw new ConfigException(settings.label() + ".Metric must be one of " + String.join(", ", METRICS)
                    + ", not '" + metric + "'");
        }
        return normal;
    }

    @Override
    public ReadResult read() {
        List<Reading> readings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        metrics.forEach((codifier, metric) -> {
            try {
                readings.add(new Reading(codifier, Readings.of(Math.round(value(metric) * 100) / 100.0)));
            } catch (IOException | RuntimeException e) {
                problems.add(metric + ": " + e.getMessage());
            }
        });
        return problems.isEmpty() ? ReadResult.good(readings) : ReadResult.withErrors(readings, String.join("; ", problems));
    }

    private double value(String metric) throws IOException {
        return switch (metric) {
            case "cpu-temperature" -> SysfsFiles.number(thermal) / 1000.0;
            case "load1" -> SysfsFiles.number(proc.resolve("loadavg"));
            case "uptime" -> SysfsFiles.number(proc.resolve("uptime")) / 3600.0;
            case "disk-used" -> {
                long total = Files.getFileStore(disk).getTotalSpace();
                yield total == 0 ? 0 : 100.0 * (total - Files.getFileStore(disk).getUsableSpace()) / total;
            }
            default -> memoryUsedPercent();
        };
    }

    private double memoryUsedPercent() throws IOException {
        double total = 0;
        double available = 0;
        for (String line : Files.readAllLines(proc.resolve("meminfo"), StandardCharsets.US_ASCII)) {
            String[] parts = line.split("\\s+");
            if (parts[0].equals("MemTotal:")) {
                total = Double.parseDouble(parts[1]);
            } else if (parts[0].equals("MemAvailable:")) {
                available = Double.parseDouble(parts[1]);
            }
        }
        if (total == 0) {
            throw new IOException("no MemTotal in " + proc.resolve("meminfo"));
        }
        return 100.0 * (total - available) / total;
    }
}
