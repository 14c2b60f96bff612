package org.jphmesh.sensor.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.Reading;

/**
 * {@code "Type":"Simulated"}: a sine wave between {@code Min} and {@code Max} over {@code PeriodSeconds}
 * (defaults 15, 25, 300), for demos and load tests. Each {@code Proxy[]} entry may set its own
 * {@code Min}, {@code Max} and {@code PeriodSeconds}; proxies are phase-shifted so the lines differ.
 */
public final class SimulatedDriver implements Driver {

    private record Wave(Codifier codifier, double min, double max, double periodSeconds, double phase) {

        double at(long millis) {
            double angle = 2 * Math.PI * (millis / 1000.0 / periodSeconds) + phase;
            return Math.round((min + (max - min) * (0.5 + 0.5 * Math.sin(angle))) * 100) / 100.0;
        }
    }

    private final List<Wave> waves = new ArrayList<>();

    public SimulatedDriver(SensorConfig entry, MeshConfig config) {
        String label = "Sensors (" + entry.codifier() + ").Sensor";
        JsonNode sensor = entry.sensor();
        waves.add(wave(entry.code(), sensor, label, 0));
        JsonNode proxies = sensor.path("Proxy");
        for (int i = 0; i < proxies.size(); i++) {
            JsonNode proxy = proxies.get(i);
            waves.add(wave(Codifier.of(proxy.get("Codifier").asText()), proxy, label + ".Proxy[" + i + "]", i + 1));
        }
    }

    private static Wave wave(Codifier codifier, JsonNode node, String label, int index) {
        double min = number(node, "Min", 15, label);
        double max = number(node, "Max", 25, label);
        double period = number(node, "PeriodSeconds", 300, label);
        if (!(period > 0)) {
            throw new ConfigException(label + ".PeriodSeconds must be > 0, not " + period);
        }
        return new Wave(codifier, min, max, period, index * Math.PI / 3);
    }

    private static double number(JsonNode node, String key, double fallback, String label) {
        JsonNode value = node.get(key);
        if (value == null) {
            return fallback;
        }
        if (!value.isNumber()) {
            throw new ConfigException(label + "." + key + " must be a number, not " + value);
        }
        return value.asDouble();
    }

    @Override
    public List<Reading> read() {
        long now = System.currentTimeMillis();
        return waves.stream().map(w -> new Reading(w.codifier(), Readings.of(w.at(now)))).toList();
    }
}
