package org.jphmesh.web.state;

import java.util.ArrayList;
import java.util.List;
import org.jphmesh.bus.config.ConfigLoader;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.frame.Codifier;

/** The mesh the state tests share: a node G1 sending for proxy P1, a collector Q1, the dashboard W1. */
final class StateFixtures {

    static final Codifier G1 = Codifier.of("G1");
    static final Codifier P1 = Codifier.of("P1");
    static final Codifier Q1 = Codifier.of("Q1");
    static final Codifier W1 = Codifier.of("W1");
    static final long START = 1_700_000_000_000L;

    static final MeshConfig CONFIG = ConfigLoader.parse("{\"Sensors\":["
            + "{\"Codifier\":\"G1\",\"Type\":\"Simulated\",\"KeepAliveInterval\":60,\"TimeoutWarning\":30,"
            + "\"Sensor\":{\"Proxy\":[{\"Codifier\":\"P1\"}]}},"
            + "{\"Codifier\":\"P1\",\"Type\":\"Proxy\",\"Sensor\":{\"Codifier\":\"G1\"}},"
            + "{\"Codifier\":\"Q1\",\"Type\":\"jphPostgreSQL\"},"
            + "{\"Codifier\":\"W1\",\"Type\":\"Flask\"}]}", "test");

    private StateFixtures() {
    }

    /** A listener that keeps what it was told. */
    static final class Recorder implements MeshListener {
        final List<SensorView> sensors = new ArrayList<>();
        final List<MeshEvent> events = new ArrayList<>();

        @Override
        public void sensorChanged(SensorView sensor) {
            sensors.add(sensor);
        }

        @Override
        public void event(MeshEvent event) {
            events.add(event);
        }

        List<String> codes() {
            return sensors.stream().map(SensorView::code).toList();
        }

        List<String> texts() {
            return events.stream().map(MeshEvent::text).toList();
        }
    }
}
