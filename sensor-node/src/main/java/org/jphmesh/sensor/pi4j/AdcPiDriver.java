package org.jphmesh.sensor.pi4j;

import com.ezylang.evalex.Expression;
import com.ezylang.evalex.parser.ParseException;
import com.pi4j.context.Context;
import com.pi4j.io.i2c.I2C;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.ConfigException;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.bus.frame.Codifier;
import org.jphmesh.bus.frame.Readings;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.ReadResult;
import org.jphmesh.sensor.driver.Reading;

/**
 * {@code "Type":"ADCpiReader"}: the AB Electronics ADC Pi (Plus), two MCP3424 at I2C 0x68 (inputs 1-4)
 * and 0x69 (inputs 5-8). {@code Pin} is the input of the entry, {@code Proxy[].Pin} those of its proxies.
 * Each read starts a one-shot conversion at {@code Bits} (12, 14, 16 or 18; default 16), waits for it,
 * turns it into volts (x {@code Scale}, the board's input divider, default 2.471) and applies
 * {@code Formula}, an expression over {@code voltage} (default: a 10k NTC thermistor, B 3950, in a 10k
 * divider from 5 V, as the legacy node converted). Sends {@code {"voltage":..,"value":..}} like the original.
 */
public final class AdcPiDriver implements Driver {

    static final String DEFAULT_FORMULA =
            "1 / (1 / 298.15 + LOG((10000 * voltage / (5 - voltage)) / 10000) / 3950) - 273.15";

    private record Input(Codifier codifier, int pin, Expression formula) {
    }

    private final List<Input> inputs = new ArrayList<>();
    private final I2C[] chips = new I2C[2];
    private final int bits;
    private final double scale;

    public AdcPiDriver(SensorConfig entry, MeshConfig config, Context pi4j) {
        ConfigBlock settings = ConfigBlock.of(entry);
        this.bits = settings.integer("Bits", 16);
        if (bits != 12 && bits != 14 && bits != 16 && bits != 18) {
            throw new ConfigException(settings.label() + ".Bits must be 12, 14, 16 or 18, not " + bits);
        }
        this.scale = settings.number("Scale", 2.471);
        int bus = settings.integer("Bus", 1);
        String formula = settings.text("Formula", DEFAULT_FORMULA);
        inputs.add(input(entry.code(), settings, formula));
        for (ConfigBlock.Proxy proxy : settings.proxies()) {
            inputs.add(input(proxy.codifier(), proxy.settings(), proxy.settings().text("Formula", formula)));
        }
        for (int chip = 0; chip < 2; chip++) {
            int address = 0x68 + chip;
            int index = chip;
            if (inputs.stream().anyMatch(i -> (i.pin() - 1) / 4 == index)) {
                chips[chip] = pi4j.create(I2C.newConfigBuilder(pi4j).id(entry.codifier() + "-adc-" + Integer.toHexString(address))
                        .bus(bus).device(address).build());
            }
        }
    }

    private static Input input(Codifier codifier, ConfigBlock settings, String formula) {
        int pin = settings.integer("Pin");
        if (pin < 1 || pin > 8) {
            throw new ConfigException(settings.label() + ".Pin must be an ADC Pi input 1..8, not " + pin);
        }
        Expression expression = new Expression(formula);
        try {
            expression.validate();
        } catch (ParseException e) {
            throw new ConfigException(settings.label() + ".Formula is not a valid expression: " + e.getMessage());
        }
        return new Input(codifier, pin, expression);
    }

    @Override
    public ReadResult read() throws Exception {
        List<Reading> readings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Input input : inputs) {
            try {
                double voltage = volts(input.pin());
                double value = input.formula().copy().with("voltage", voltage).evaluate().getNumberValue().doubleValue();
                readings.add(new Reading(input.codifier(), Readings.json(String.format(Locale.ROOT,
                        "{\"voltage\":%s,\"value\":%s}", round(voltage, 4), round(value, 2)))));
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                // One failing input must not cost the others of the same read.
                problems.add("input " + input.pin() + ": " + e.getMessage());
            }
        }
        return problems.isEmpty() ? ReadResult.good(readings) : ReadResult.withErrors(readings, String.join("; ", problems));
    }

    /** One one-shot conversion of an input, in volts at the board's terminal. */
    double volts(int pin) throws InterruptedException {
        I2C chip = chips[(pin - 1) / 4];
        int channel = (pin - 1) % 4;
        int rate = switch (bits) {
            case 12 -> 0;
            case 14 -> 1;
            case 16 -> 2;
            default -> 3;
        };
        // MCP3424 config: start (RDY=1), channel, one-shot, sample rate, gain 1.
        chip.write((byte) (0x80 | channel << 5 | rate << 2));
        int dataBytes = bits == 18 ? 3 : 2;
        byte[] reply = new byte[dataBytes + 1];
        for (int attempt = 0; ; attempt++) {
            chip.read(reply, 0, reply.length);
            if ((reply[dataBytes] & 0x80) == 0) {
                break;
            }
            if (attempt > 100) {
                throw new IllegalStateException("conversion did not finish");
            }
            Thread.sleep(bits == 18 ? 30 : 5);
        }
        long raw = 0;
        for (int i = 0; i < dataBytes; i++) {
            raw = raw << 8 | (reply[i] & 0xFF);
        }
        long signBit = 1L << (bits - 1);
        raw &= (1L << bits) - 1;
        if ((raw & signBit) != 0) {
            raw -= 1L << bits;
        }
        double lsb = 2 * 2.048 / (1L << bits);
        return raw * lsb * scale;
    }

    private static String round(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).stripTrailingZeros()
                .toPlainString();
    }

    @Override
    public void close() {
        for (I2C chip : chips) {
            if (chip != null) {
                chip.close();
            }
        }
    }
}
