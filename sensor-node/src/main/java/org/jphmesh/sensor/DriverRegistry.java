package org.jphmesh.sensor;

import java.util.Optional;
import java.util.Set;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.sensor.alert.AlertsDriver;
import org.jphmesh.sensor.calc.ExpressionDriver;
import org.jphmesh.sensor.driver.Driver;
import org.jphmesh.sensor.driver.DriverFactory;
import org.jphmesh.sensor.exec.ExecDriver;
import org.jphmesh.sensor.filedrop.FileDropDriver;
import org.jphmesh.sensor.http.FailsafeReaderDriver;
import org.jphmesh.sensor.line.LineDriver;
import org.jphmesh.sensor.mqtt.MqttInputDriver;
import org.jphmesh.sensor.pi4j.AdcPiDriver;
import org.jphmesh.sensor.pi4j.FanControlDriver;
import org.jphmesh.sensor.pi4j.GpioInputDriver;
import org.jphmesh.sensor.pi4j.Pi4jHardware;
import org.jphmesh.sensor.retired.RetiredDrivers;
import org.jphmesh.sensor.setpoint.ControlSensorDriver;
import org.jphmesh.sensor.sim.SimulatedDriver;
import org.jphmesh.sensor.sysfs.Ds18b20Driver;
import org.jphmesh.sensor.sysfs.IioHumidityDriver;
import org.jphmesh.sensor.sysfs.SystemHealthDriver;
import org.jphmesh.sensor.sysfs.TempLinuxDriver;

/**
 * The drivers this build can run, by their config {@code Type} (legacy names kept). A switch rather than a map of
 * constructor references: each reference spun a class that every node kept, whichever driver it ran
 * (docs/performance.md, "Sensor node footprint").
 */
public final class DriverRegistry {

    private static final Set<String> TYPES = Set.of("TempLinux", "failsafeReader", "ADAfruitReader", "controlSensor",
            "PythonNinja", "Alerts", "DS18B20", "SystemHealth", "Exec", "Simulated", "MqttInput", "Serial", "TcpLine",
            "FileDrop", "ADCpiReader", "fanControl", "GpioInput", "DwarfpoolReader", "NestReader", "ZwavePower");

    private DriverRegistry() {
    }

    public static Optional<DriverFactory> forType(String type) {
        return TYPES.contains(type) ? Optional.of(new TypeFactory(type)) : Optional.empty();
    }

    private static final class TypeFactory implements DriverFactory {

        private final String type;

        TypeFactory(String type) {
            this.type = type;
        }

        @Override
        public Driver create(SensorConfig entry, MeshConfig config) {
            return DriverRegistry.create(type, entry, config);
        }
    }

    private static Driver create(String type, SensorConfig entry, MeshConfig config) {
        return switch (type) {
            case "TempLinux" -> new TempLinuxDriver(entry, config);
            case "failsafeReader" -> new FailsafeReaderDriver(entry, config);
            case "ADAfruitReader" -> new IioHumidityDriver(entry, config);
            case "controlSensor" -> new ControlSensorDriver(entry, config);
            case "PythonNinja" -> new ExpressionDriver(entry, config);
            case "Alerts" -> new AlertsDriver(entry, config);
            case "DS18B20" -> new Ds18b20Driver(entry, config);
            case "SystemHealth" -> new SystemHealthDriver(entry, config);
            case "Exec" -> new ExecDriver(entry, config);
            case "Simulated" -> new SimulatedDriver(entry, config);
            case "MqttInput" -> new MqttInputDriver(entry, config);
            case "Serial" -> LineDriver.serial(entry, config);
            case "TcpLine" -> LineDriver.tcp(entry, config);
            case "FileDrop" -> new FileDropDriver(entry, config);
            case "ADCpiReader" -> {
                Pi4jHardware.requireI2c(ConfigBlock.of(entry).integer("Bus", 1), "ADCpiReader (" + entry.codifier() + ")");
                yield new AdcPiDriver(entry, config, Pi4jHardware.context());
            }
            case "fanControl" -> {
                Pi4jHardware.requirePwm("fanControl (" + entry.codifier() + ")");
                yield new FanControlDriver(entry, config, Pi4jHardware.context());
            }
            case "GpioInput" -> {
                Pi4jHardware.requireGpio("GpioInput (" + entry.codifier() + ")");
                yield new GpioInputDriver(entry, config, Pi4jHardware.context());
            }
            case "DwarfpoolReader", "NestReader", "ZwavePower" -> RetiredDrivers.factory(type).create(entry, config);
            default -> throw new IllegalArgumentException("no driver for Type " + type);
        };
    }

    /**
     * Whether the entry's driver would start here (known type, usable settings, hardware present), without
     * driving any output: throws what starting it would throw.
     */
    public static void check(SensorConfig entry, MeshConfig config) {
        // Drivers that set outputs when made (a fan's duty) are checked without being made.
        if ("fanControl".equals(entry.type())) {
            FanControlDriver.checkSettings(entry);
            Pi4jHardware.requirePwm("fanControl (" + entry.codifier() + ")");
            return;
        }
        if (!TYPES.contains(entry.type())) {
            throw new IllegalArgumentException("no driver for Type " + entry.type());
        }
        create(entry.type(), entry, config).close();
    }
}
