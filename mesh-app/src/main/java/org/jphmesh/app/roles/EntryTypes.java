package org.jphmesh.app.roles;

import java.util.List;
import java.util.Set;
import org.jphmesh.bus.config.MeshConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code "Type"} a config entry may have: drivers, which a sensor node runs, and {@link ProgramRoles}.
 * A type in neither still loads, with a warning from the application that loaded it, so a newer config never
 * stops an older node. The protocol library's loader does not judge types: it does not know the applications.
 */
public final class EntryTypes {

    private static final Logger LOG = LoggerFactory.getLogger(EntryTypes.class);

    /** Types a sensor node runs, legacy names first. */
    public static final Set<String> DRIVERS = Set.of(
            "TempLinux", "failsafeReader", "ADCpiReader", "ADAfruitReader", "controlSensor", "fanControl",
            "PythonNinja", "DwarfpoolReader", "NestReader", "ZwavePower",
            "GpioInput", "DS18B20", "SystemHealth", "Exec", "MqttInput", "Simulated", "Alerts",
            "Serial", "TcpLine", "FileDrop");

    private EntryTypes() {
    }

    public static boolean isKnown(String type) {
        return DRIVERS.contains(type) || ProgramRoles.isRole(type);
    }

    /** One warning for each entry whose type this version does not know. */
    public static List<String> unknown(MeshConfig config) {
        return config.sensors().stream().filter(entry -> !isKnown(entry.type()))
                .map(entry -> "Sensors (" + entry.codifier() + ").Type '" + entry.type() + "' is not a type this version"
                        + " knows; the entry loads, but no Java node can run it")
                .toList();
    }

    /** Logs {@link #unknown} for the config read from {@code location}, and gives the config back. */
    public static MeshConfig warnUnknown(MeshConfig config, String location) {
        for (String warning : unknown(config)) {
            LOG.warn("{}: {}", location, warning);
        }
        return config;
    }
}
