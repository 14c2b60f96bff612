package org.jphmesh.bus.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jphmesh.bus.frame.Codifier;

/**
 * A whole config.json: the buses, every sensor entry, and the notes the loader made while reading it
 * (unknown keys, unknown types, the ignored Python {@code Logging} section).
 */
public record MeshConfig(MulticastConfig multicast, List<SensorConfig> sensors, List<String> warnings) {

    public MeshConfig {
        sensors = List.copyOf(sensors);
        warnings = List.copyOf(warnings);
    }

    public Optional<SensorConfig> sensor(Codifier codifier) {
        return sensors.stream().filter(s -> s.code().equals(codifier)).findFirst();
    }

    /**
     * The codifiers an entry may send readings for besides its own: those it lists in {@code Sensor.Proxy[]}
     * and the {@code Proxy} entries that name it as their parent.
     */
    public Set<Codifier> proxiesOf(Codifier parent) {
        Set<Codifier> proxies = new LinkedHashSet<>();
        sensor(parent).ifPresent(entry -> proxies.addAll(entry.listedProxies()));
        for (SensorConfig entry : sensors) {
            if (entry.isProxy() && parent.equals(entry.proxyParent())) {
                proxies.add(entry.code());
            }
        }
        return Set.copyOf(proxies);
    }

    /** A copy with the interface forced, e.g. {@code lo} for tests and the demo. */
    public MeshConfig withInterface(String interfaceName) {
        return new MeshConfig(multicast.withInterface(interfaceName), sensors, warnings);
    }

    /** A copy with another bus configuration, keeping the sensors. */
    public MeshConfig withMulticast(MulticastConfig other) {
        return new MeshConfig(other, sensors, warnings);
    }

    /** A copy with one more entry (e.g. an ad-hoc console not in the file). */
    public MeshConfig withSensor(SensorConfig extra) {
        List<SensorConfig> all = new ArrayList<>(sensors);
        all.add(extra);
        return new MeshConfig(multicast, all, warnings);
    }
}
