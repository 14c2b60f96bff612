package org.jphmesh.sensor.setpoint;

import java.nio.file.Path;
import java.time.Clock;
import org.jphmesh.app.store.RedisSettings;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigSource;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Flag;
import org.jphmesh.bus.frame.Frame;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverContext;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code "Type":"controlSensor"}: holds a set-point; {@code A} sets it, {@code E} steps it (both need
 * {@code "Control":"enabled"}), kept within {@code Min}..{@code Max} when given, and read out at once and every
 * interval. It starts from the set-point kept before a reload or restart ({@link SetPointStore}: Redis, as the
 * legacy one did, or its own file {@code Sensor.StateFile}, default {@code ~/.jph/state/<code>.json}), else from
 * {@code Default}.
 */
public final class ControlSensorDriver implements Driver {

    private static final Logger LOG = LoggerFactory.getLogger(ControlSensorDriver.class);

    private final Codifier codifier;
    private final double min;
    private final double max;
    private final double fallback;
    private final SetPointStore store;
    private final Clock clock;
    private Double value;

    public ControlSensorDriver(SensorConfig entry, MeshConfig config) {
        this(entry, Clock.systemUTC());
    }

    ControlSensorDriver(SensorConfig entry, Clock clock) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.codifier = entry.code();
        this.clock = clock;
        this.min = settings.number("Min", Double.NEGATIVE_INFINITY);
        this.max = settings.number("Max", Double.POSITIVE_INFINITY);
        this.fallback = settings.number("Default", 0);
        Path file = ConfigSource.expandHome(settings.text("StateFile", "~/.jph/state/" + entry.codifier() + ".json"));
        this.store = new SetPointStore(entry.codifier(), file, RedisSettings.fromEntry(entry));
    }

    // Loaded at first use, not when made: checking an entry (--runnable) must not reach out to Redis.
    private double current() {
        if (value == null) {
            value = clamp(store.load().map(saved -> {
                LOG.info("{} - set-point {} as kept in {}", codifier, saved.value(), saved.from());
                return saved.value();
            }).orElse(fallback));
        }
        return value;
    }

    // At start, on the node's callback thread: the Redis lookup is not counted against a read's deadline.
    @Override
    public synchronized void start(DriverContext context) {
        current();
    }

    @Override
    public synchronized void onControl(Frame frame) {
        double number = frame.control().timeComponent();
        if (frame.flag() == Flag.SET) {
            value = clamp(number);
        } else if (frame.flag() == Flag.STEP) {
            value = clamp(current() + number);
        } else {
            return;
        }
        store.save(value, clock.millis());
        LOG.info("{} - set-point {} by {}", codifier, value, frame.from());
    }

    public synchronized double value() {
        return current();
    }

    @Override
    public synchronized ReadResult read() {
        return ReadResult.reported(new Reading(codifier, Readings.of(current())));
    }

    private double clamp(double candidate) {
        return Math.max(min, Math.min(max, candidate));
    }
}
