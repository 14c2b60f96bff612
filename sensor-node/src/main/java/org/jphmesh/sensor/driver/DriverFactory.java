package org.jphmesh.sensor.driver;

import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;

/** Makes a driver from a config entry, validating its {@code Sensor} block with messages that name the key. */
@FunctionalInterface
public interface DriverFactory {

    Driver create(SensorConfig entry, MeshConfig config);
}
