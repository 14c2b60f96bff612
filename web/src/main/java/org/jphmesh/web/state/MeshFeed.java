package org.jphmesh.web.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the view tells: every event into the bounded log and to each listener, every changed sensor to each listener.
 * It remembers the status it last told of each sensor, so a re-evaluation against the clock tells only a change.
 */
final class MeshFeed {

    private final List<MeshListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, SensorStatus> told = new ConcurrentHashMap<>();
    private final EventLog events;

    MeshFeed(EventLog events) {
        this.events = events;
    }

    void addListener(MeshListener listener) {
        listeners.add(listener);
    }

    void removeListener(MeshListener listener) {
        listeners.remove(listener);
    }

    EventLog events() {
        return events;
    }

    void event(MeshEvent event) {
        events.add(event);
        for (MeshListener listener : listeners) {
            listener.event(event);
        }
    }

    /** A sensor changed (a reading, its node's liveness): tells it, whatever its status. */
    void changed(SensorView sensor) {
        told.put(sensor.code(), sensor.status());
        tell(sensor);
    }

    /** Tells the sensor only when its status differs from the one last told; returns whether it did. */
    boolean statusChanged(SensorView sensor) {
        SensorStatus before = told.put(sensor.code(), sensor.status());
        if (before == sensor.status()) {
            return false;
        }
        tell(sensor);
        return true;
    }

    private void tell(SensorView sensor) {
        for (MeshListener listener : listeners) {
            listener.sensorChanged(sensor);
        }
    }
}
