package org.jphmesh.sensor.setpoint;

import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code "Type":"controlSensor"}: holds a set-point, starting at {@code Default}; {@code A} sets it,
 * {@code E} steps it (both need {@code "Control":"enabled"}), kept within {@code Min}..{@code Max} when
 * given. Sent every interval, like a reading.
 */
public final class ControlSensorDriver implements Driver {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSensorDriver.class);

    private final Codifier codifier;
    private final double min;
    private final double max;
    private volatile double value;

    public ControlSensorDriver(SensorConfig entry, MeshConfig config) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.codifier = entry.code();
        this.min = settings.number("Min", Double.NEGATIVE_INFINITY);
        this.max = settings.number("Max", Double.POSITIVE_INFINITY);
        this.value = clamp(settings.number("Default", 0));
    }

    @Override
    public void onControl(Frame frame) {
        double number = frame.control().timeComponent();
        if (frame.flag() == Flag.SET) {
            value = clamp(number);
        } else if (frame.flag() == Flag.STEP) {
            value = clamp(value + number);
        } else {
            return;
        }
        LOG.info("{} - set-point {} by {}", codifier, value, frame.from());
    }

    public double value() {
        return value;
    }

    @Override
    public ReadResult read() {
        return ReadResult.good(new Reading(codifier, Readings.of(value)));
    }

    private double clamp(double candidate) {
        return Math.max(min, Math.min(max, candidate));
    }
}
