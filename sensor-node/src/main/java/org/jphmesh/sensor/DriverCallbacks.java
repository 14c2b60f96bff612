package org.jphmesh.sensor;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a driver to the node: read on every tick, send each reading, pass commands on, and build a
 * new driver from the new entry after a reload (keeping the old one if the new entry is unusable).
 */
final class DriverCallbacks implements NodeCallbacks {

    private static final Logger LOG = LoggerFactory.getLogger(DriverCallbacks.class);

    private final AtomicReference<Driver> driver;
    private final BiFunction<SensorConfig, MeshConfig, Driver> factory;

    DriverCallbacks(Driver initial, BiFunction<SensorConfig, MeshConfig, Driver> factory) {
        this.driver = new AtomicReference<>(initial);
        this.factory = factory;
    }

    @Override
    public void onTimer(Node node) {
        List<Reading> readings;
        try {
            readings = driver.get().read();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        RuntimeException first = null;
        for (Reading reading : readings) {
            try {
                node.send(reading.codifier(), reading.payload());
            } catch (RuntimeException e) {
                // One unsendable reading must not cost the others of the same tick.
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public void onControl(Node node, Frame frame) {
        driver.get().onControl(frame);
    }

    @Override
    public void onReload(Node node, SensorConfig entry) {
        Driver fresh;
        try {
            fresh = factory.apply(entry, node.config());
        } catch (RuntimeException e) {
            LOG.error("{} - the reloaded entry is unusable, keeping the running driver: {}", node.codifier(),
                    e.getMessage());
            return;
        }
        driver.getAndSet(fresh).close();
    }

    /** Closes the current driver; safe to call more than once. */
    void close() {
        Driver last = driver.getAndSet(null);
        if (last != null) {
            last.close();
        }
    }
}
