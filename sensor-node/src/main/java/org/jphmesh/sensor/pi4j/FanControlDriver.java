package org.jphmesh.sensor.pi4j;

import com.pi4j.context.Context;
import com.pi4j.io.pwm.Pwm;
import com.pi4j.io.pwm.PwmType;
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
 * {@code "Type":"fanControl"}: a fan on hardware PWM {@code Channel} (default 0: GPIO 18 with
 * {@code dtoverlay=pwm}; 1 is GPIO 19 with {@code dtoverlay=pwm-2chan}) at
 * {@code Frequency} Hz (default 25000, the 4-wire fan standard). {@code A} sets the duty cycle,
 * {@code E} steps it, always clamped to 0..100 %; it starts at {@code Default} (0) and is sent every
 * interval. On stop the fan is left at {@code Shutdown} % (default 100: a stopped controller must not
 * let what it cools overheat).
 */
public final class FanControlDriver implements Driver {

    private static final Logger LOG = LoggerFactory.getLogger(FanControlDriver.class);

    private final Codifier codifier;
    private final Context pi4j;
    private final Pwm pwm;
    private final int frequency;
    private volatile double duty;

    public FanControlDriver(SensorConfig entry, MeshConfig config, Context pi4j) {
        ConfigBlock settings = checkSettings(entry);
        this.codifier = entry.code();
        this.pi4j = pi4j;
        this.frequency = settings.integer("Frequency", 25_000);
        this.duty = clamp(settings.number("Default", 0));
        double shutdown = clamp(settings.number("Shutdown", 100));
        this.pwm = pi4j.create(Pwm.newConfigBuilder(pi4j).id(entry.codifier() + "-fan")
                .address(settings.integer("Channel", 0)).pwmType(PwmType.HARDWARE).frequency(frequency)
                .initial(duty).shutdown(shutdown).build());
        apply();
    }

    /** Reads every setting as the driver does, so a mistake is found without driving the fan. */
    public static ConfigBlock checkSettings(SensorConfig entry) {
        ConfigBlock settings = ConfigBlock.of(entry);
        settings.integer("Frequency", 25_000);
        settings.number("Default", 0);
        settings.number("Shutdown", 100);
        settings.integer("Channel", 0);
        return settings;
    }

    @Override
    public void onControl(Frame frame) {
        double number = frame.control().timeComponent();
        if (frame.flag() == Flag.SET) {
            duty = clamp(number);
        } else if (frame.flag() == Flag.STEP) {
            duty = clamp(duty + number);
        } else {
            return;
        }
        apply();
        LOG.info("{} - fan duty {} % by {}", codifier, duty, frame.from());
    }

    // Pi4J reads a duty of 0 in on() as "use the configured duty"; 0 % is off.
    private void apply() {
        if (duty == 0) {
            pwm.off();
        } else {
            pwm.on(duty, frequency);
        }
    }

    @Override
    public ReadResult read() {
        return ReadResult.reported(new Reading(codifier, Readings.of(Math.round(duty * 100) / 100.0)));
    }

    @Override
    public void close() {
        // Shutting the IO down applies its shutdown duty.
        pi4j.shutdown(pwm.id());
    }

    private static double clamp(double value) {
        return Double.isNaN(value) ? 0 : Math.max(0, Math.min(100, value));
    }
}
