package org.jphmesh.sensor.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
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
 * {@code "Type":"Simulated"}, for demos and load tests. {@code Shape} is {@code sine} (between {@code Min}
 * and {@code Max} over {@code PeriodSeconds}), {@code random-walk} (steps of at most {@code Step} within
 * Min..Max), {@code step} (Min for half a period, then Max) or {@code counter} (Min, Min+Step, ...).
 * Each {@code Proxy[]} entry may set its own shape and numbers; sine proxies are phase-shifted.
 */
public final class SimulatedDriver implements Driver {

    private interface Signal {
        double next(long millis);
    }

    private record Channel(Codifier codifier, Signal signal) {
    }

    private final List<Channel> channels = new ArrayList<>();

    public SimulatedDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        channels.add(new Channel(entry.code(), signal(settings, 0)));
        List<ConfigBlock.Proxy> proxies = settings.proxies();
        for (int i = 0; i < proxies.size(); i++) {
            channels.add(new Channel(proxies.get(i).codifier(), signal(proxies.get(i).settings(), i + 1)));
        }
    }

    private static Signal signal(ConfigBlock settings, int index) {
        double min = settings.number("Min", 15);
        double max = settings.number("Max", 25);
        double period = settings.number("PeriodSeconds", 300);
        double step = settings.number("Step", 1);
        if (!(period > 0)) {
            throw new ConfigException(settings.label() + ".PeriodSeconds must be > 0, not " + period);
        }
        if (max < min) {
            throw new ConfigException(settings.label() + ".Max must be >= Min");
        }
        String shape = settings.text("Shape", "sine").toLowerCase(Locale.ROOT);
        return switch (shape) {
            case "sine" -> millis -> round(min + (max - min)
                    * (0.5 + 0.5 * Math.sin(2 * Math.PI * millis / 1000.0 / period + index * Math.PI / 3)));
            case "step" -> millis -> (millis / 1000.0 % period) < period / 2 ? min : max;
            case "counter" -> new Signal() {
                private double value = min - step;

                @Override
                public double next(long millis) {
                    value = value + step > max ? min : value + step;
                    return round(value);
                }
            };
            case "random-walk" -> new Signal() {
                private final SplittableRandom random = new SplittableRandom(index * 7919L + 17);
                private double value = (min + max) / 2;

                @Override
                public double next(long millis) {
                    value = Math.max(min, Math.min(max, value + (random.nextDouble() * 2 - 1) * step));
                    return round(value);
                }
            };
            default -> throw new ConfigException(settings.label() + ".Shape must be sine, random-walk, step or counter,"
                    + " not '" + shape + "'");
        };
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    @Override
    public ReadResult read() {
        long now = System.currentTimeMillis();
        List<Reading> readings = new ArrayList<>(channels.size());
        for (Channel channel : channels) {
            readings.add(new Reading(channel.codifier(), Readings.of(channel.signal().next(now))));
        }
        return ReadResult.good(readings);
    }
}
