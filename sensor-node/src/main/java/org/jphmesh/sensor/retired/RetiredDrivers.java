package org.jphmesh.sensor.retired;

import java.util.Map;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.sensor.driver.DriverFactory;
import org.jphmesh.sensor.driver.DriverUnavailableException;

/**
 * Legacy types whose services are gone or need hardware stacks this project does not carry. They load
 * (the config stays valid) and refuse to start with what to use instead.
 */
public final class RetiredDrivers {

    private static final Map<String, String> WHY = Map.of(
            "DwarfpoolReader", "the Dwarfpool mining-pool API it read closed in 2020; for another HTTP JSON API use"
                    + " \"Type\": \"failsafeReader\" with URL and Field",
            "NestReader", "Google retired the Works-with-Nest API it used in 2019; bridge the thermostat to MQTT"
                    + " (e.g. Home Assistant) and use \"Type\": \"MqttInput\"",
            "ZwavePower", "it needed the python-openzwave stack, which is unmaintained; run a Z-Wave gateway that"
                    + " publishes to MQTT (Z-Wave JS UI, zwave2mqtt) and use \"Type\": \"MqttInput\"");

    private RetiredDrivers() {
    }

    public static boolean isRetired(String type) {
        return WHY.containsKey(type);
    }

    /** A factory that always refuses, with the reason and the replacement. */
    public static DriverFactory factory(String type) {
        return (SensorConfig entry, MeshConfig config) -> {
            throw new DriverUnavailableException(type + " (" + entry.codifier() + ") is retired: " + WHY.get(type));
        };
    }
}
