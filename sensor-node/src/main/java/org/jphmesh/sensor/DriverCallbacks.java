package org.jphmesh.sensor;

import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.node.Node;
import org.jphmesh.bus.node.NodeCallbacks;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.Reading;

/** Connects a driver to the node: read on every tick, send what was read, pass commands on. */
final class DriverCallbacks implements NodeCallbacks {

    private final Driver driver;

    DriverCallbacks(Driver driver) {
        this.driver = driver;
    }

    @Override
    public void onTimer(Node node) {
        try {
            for (Reading reading : driver.read()) {
                node.send(reading.codifier(), reading.payload());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @Override
    public void onControl(Node node, Frame frame) {
        driver.onControl(frame);
    }
}
