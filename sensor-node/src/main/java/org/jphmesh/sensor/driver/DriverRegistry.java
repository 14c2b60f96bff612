package org.jphmesh.sensor.driver;

import java.util.Map;
import java.util.Optional;
import org.jphmesh.sensor.sim.SimulatedDriver;

/** The drivers this build can run, by their config {@code Type}. */
public final class DriverRegistry {

    private static final Map<String, DriverFactory> FACTORIES = Map.of(
            "Simulated", SimulatedDriver::new);

    private DriverRegistry() {
    }

    public static Optional<DriverFactory> forType(String type) {
        return Optional.ofNullable(FACTORIES.get(type));
    }
}
