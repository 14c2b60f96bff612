package org.jphmesh.sensor;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.jphmesh.bus.config.ConfigBlock;
import org.jphmesh.bus.config.MeshConfig;
import org.jphmesh.bus.config.SensorConfig;
import org.jphmesh.sensor.alert.AlertsDriver;
import org.jphmesh.sensor.driver.DriverFactory;
import org.jphmesh.sensor.calc.ExpressionDriver;
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

/** The drivers this build can run, by their config {@code Type} (legacy names kept). */
public final class DriverRegistry {

    private static final Map<String, DriverFactory> FACTORIES = factories();
    // Drivers that set outputs when made (a fan's duty) are checked without being made.
    private static final Map<String, BiConsumer<SensorConfig, MeshConfig>> CHECKS = Map.of("fanControl", (entry, config) -> {
        FanControlDriver.checkSettings(entry);
        Pi4jHardware.requirePwm("fanControl (" + entry.codifier() + ")");
    });

    private DriverRegistry() {
    }

    private static Map<String, DriverFactory> factories() {
        Map<String, DriverFactory> map = new HashMap<>();
        map.put("TempLinux", TempLinuxDriver::new);
        map.put("failsafeReader", FailsafeReaderDriver::new);
        map.put("ADAfruitReader", IioHumidityDriver::new);
        map.put("controlSensor", ControlSensorDriver::new);
        map.put("PythonNinja", ExpressionDriver::new);
        map.put("Alerts", AlertsDriver::new);
        map.put("DS18B20", Ds18b20Driver::new);
        map.put("SystemHealth", SystemHealthDriver::new);
        map.put("Exec", ExecDriver::new);
        map.put("Simulated", SimulatedDriver::new);
        map.put("MqttInput", MqttInputDriver::new);
        map.put("Serial", LineDriver::serial);
        map.put("TcpLine", LineDriver::tcp);
        map.put("FileDrop", FileDropDriver::new);
        map.put("ADCpiReader", (entry, config) -> {
            Pi4jHardware.requireI2c(ConfigBlock.of(entry).integer("Bus", 1), "ADCpiReader (" + entry.codifier() + ")");
            return new AdcPiDriver(entry, config, Pi4jHardware.context());
        });
        map.put("fanControl", (entry, config) -> {
            Pi4jHardware.requirePwm("fanControl (" + entry.codifier() + ")");
            return new FanControlDriver(entry, config, Pi4jHardware.context());
        });
        map.put("GpioInput", (entry, config) -> {
            Pi4jHardware.requireGpio("GpioInput (" + entry.codifier() + ")");
            return new GpioInputDriver(entry, config, Pi4jHardware.context());
        });
        for (String retired : new String[] {"DwarfpoolReader", "NestReader", "ZwavePower"}) {
            map.put(retired, RetiredDrivers.factory(retired));
        }
        return Map.copyOf(map);
    }

    public static Optional<DriverFactory> forType(String type) {
        return Optional.ofNullable(FACTORIES.get(type));
    }

    /**
     * Whether the entry's driver would start here (known type, usable settings, hardware present), without
     * driving any output: throws what starting it would throw.
     */
    public static void check(SensorConfig entry, MeshConfig config) {
        BiConsumer<SensorConfig, MeshConfig> check = CHECKS.get(entry.type());
        if (check != null) {
            check.accept(entry, config);
            return;
        }
        DriverFactory factory = FACTORIES.get(entry.type());
        if (factory == null) {
            throw new IllegalArgumentException("no driver for Type " + entry.type());
        }
        factory.create(entry, config).close();
    }
}
