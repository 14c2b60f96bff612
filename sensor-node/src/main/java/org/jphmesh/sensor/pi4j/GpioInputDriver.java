package org.jphmesh.sensor.pi4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.DataPayload;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverContext;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;

/**
 * {@code "Type":"GpioInput"}: a digital input ({@code Pin}, BCM) with {@code Pull} up, down or off and
 * a {@code Debounce} in ms (default 50). It reports each settled change at once and its state every
 * interval as a heartbeat. {@code High} and {@code Low} say what to send for each level (numbers or
 * text; default 1 and 0), e.g. {@code "High": "open", "Low": "closed"} for a door contact.
 */
public final class GpioInputDriver implements Driver {

    private final Codifier codifier;
    private final Context pi4j;
    private final DigitalInput input;
    private final DataPayload high;
    private final DataPayload low;
    private final long debounceMillis;
    private final ScheduledExecutorService debouncer =
            Executors.newSingleThreadScheduledExecutor(new DefaultThreadFactory("jph-gpio-debounce", true));
    private volatile DriverContext context;
    private volatile DigitalState reported;

    public GpioInputDriver(SensorConfig entry, MeshConfig config, Context pi4j) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.codifier = entry.code();
        this.pi4j = pi4j;
        this.high = level(settings, "High", 1);
        this.low = level(settings, "Low", 0);
        this.debounceMillis = settings.integer("Debounce", 50);
        String pull = settings.text("Pull", "off").toLowerCase(Locale.ROOT);
        PullResistance resistance = switch (pull) {
            case "up" -> PullResistance.PULL_UP;
            case "down" -> PullResistance.PULL_DOWN;
            case "off" -> PullResistance.OFF;
            default -> throw new ConfigException(settings.label() + ".Pull must be up, down or off, not '" + pull + "'");
        };
        this.input = pi4j.create(DigitalInput.newConfigBuilder(pi4j).id(entry.codifier() + "-gpio")
                .address(settings.integer("Pin")).pull(resistance).build());
        input.addListener(event -> debouncer.schedule(this::settle, debounceMillis, TimeUnit.MILLISECONDS));
    }

    private static DataPayload level(ConfigBlock settings, String key, double fallback) {
        JsonNode value = settings.json().get(key);
        if (value == null || value.isNull()) {
            return Readings.of(fallback);
        }
        return value.isNumber() ? Readings.of(value.asDouble()) : Readings.text(value.asText());
    }

    @Override
    public void start(DriverContext driverContext) {
        this.context = driverContext;
    }

    // After the debounce time the level is read again; only a change that lasted is reported.
    private void settle() {
        DigitalState now = input.state();
        DriverContext current = context;
        if (now != reported && current != null && (now == DigitalState.HIGH || now == DigitalState.LOW)) {
            reported = now;
            current.publish(new Reading(codifier, now == DigitalState.HIGH ? high : low));
        }
    }

    @Override
    public ReadResult read() {
        DigitalState now = input.state();
        if (now != DigitalState.HIGH && now != DigitalState.LOW) {
            return ReadResult.failed("pin state is " + now);
        }
        reported = now;
        return ReadResult.good(new Reading(codifier, now == DigitalState.HIGH ? high : low));
    }

    @Override
    public void close() {
        debouncer.shutdownNow();
        pi4j.shutdown(input.id());
    }
}
