package org.jphmesh.sensor.line;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.sensor.driver.Reading;

/**
 * Lets a reading through when its value changed or {@code heartbeat} has passed since it was last let through,
 * so a device that prints every second costs the bus a frame a minute while nothing moves. Bounded by the
 * codifiers the patterns name.
 */
final class ChangedValues {

    private record Sent(DataPayload payload, long atMillis) {
    }

    private final Duration heartbeat;
    private final Map<Codifier, Sent> sent = new ConcurrentHashMap<>();

    ChangedValues(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    List<Reading> due(List<Reading> readings, Clock clock) {
        long now = clock.millis();
        List<Reading> due = new ArrayList<>();
        for (Reading reading : readings) {
            Sent last = sent.get(reading.codifier());
            if (last == null || !last.payload().equals(reading.payload()) || now - last.atMillis() >= heartbeat.toMillis()) {
                sent.put(reading.codifier(), new Sent(reading.payload(), now));
                due.add(reading);
            }
        }
        return due;
    }
}
