package org.jphmesh.sensor.driver;

import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.ReadingValues;

/**
 * The last numeric value heard from each codifier on the data bus, updated on the I/O thread with one
 * map write per frame, read by calculated sensors.
 */
public final class LatestValues {

    private final Map<Codifier, Double> values = new ConcurrentHashMap<>();

    public void record(Frame frame) {
        if (frame.payload() instanceof org.jphmesh.bus.frame.DataPayload payload) {
            OptionalDouble value = ReadingValues.numeric(payload);
            if (value.isPresent()) {
                values.put(frame.from(), value.getAsDouble());
            }
        }
    }

    public void put(Codifier codifier, double value) {
        values.put(codifier, value);
    }

    public OptionalDouble get(Codifier codifier) {
        Double value = values.get(codifier);
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
