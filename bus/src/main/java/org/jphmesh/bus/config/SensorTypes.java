package org.jphmesh.bus.config;

import java.util.Set;

/**
 * Every {@code "Type"} a config entry may have. Drivers read hardware or services and are run by the
 * sensor node; roles are the mesh's own programs (collector, dashboard, console) and proxies.
 * A type in neither set still loads, with a warning, so a newer config never stops an older node.
 */
public final class SensorTypes {

    /** Types a sensor node runs, legacy names first. */
    public static final Set<String> DRIVERS = Set.of(
            "TempLinux", "failsafeReader", "ADCpiReader", "ADAfruitReader", "controlSensor", "fanControl",
            "PythonNinja", "DwarfpoolReader", "NestReader", "ZwavePower",
            "GpioInput", "DS18B20", "SystemHealth", "Exec", "MqttInput", "Simulated");

    /** Entries that are not sensors: programs of the mesh, and codifiers fed by another entry. */
    public static final Set<String> ROLES = Set.of(
            "Proxy", "Flask", "ControlProgram", "jphRedis", "jphPostgreSQL", "postgresCalcHandler", "jphCalcHistory",
            "Collector", "Web", "Router");

    private SensorTypes() {
    }

    public static boolean isKnown(String type) {
        return DRIVERS.contains(type) || ROLES.contains(type);
    }
}
