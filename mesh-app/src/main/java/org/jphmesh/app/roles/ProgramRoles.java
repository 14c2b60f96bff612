package org.jphmesh.app.roles;

import java.util.HashSet;
import java.util.Set;

/**
 * The config entries that are not sensors: the mesh's own programs (collector, dashboard, console, router, and
 * their legacy Python names) and proxies, codifiers whose readings another entry sends. The one list of them:
 * the sensor node refuses to run them, the dashboard shows them as programs and reads collectors' reports.
 */
public final class ProgramRoles {

    /** The entry type of a codifier whose readings another entry sends. */
    public static final String PROXY = "Proxy";

    /** Programs that store readings and report on it in their own readings (collector.md). */
    public static final Set<String> COLLECTORS = Set.of("Collector", "jphPostgreSQL");

    /** Programs of the mesh, legacy names included. */
    public static final Set<String> PROGRAMS = Set.of("ControlProgram", "Flask", "Web", "jphRedis",
            "jphPostgreSQL", "Collector", "Router", "postgresCalcHandler", "jphCalcHistory");

    /** Every entry type that is not a sensor: the programs and {@link #PROXY}. */
    public static final Set<String> ROLES = withProxy();

    private ProgramRoles() {
    }

    public static boolean isProgram(String type) {
        return PROGRAMS.contains(type);
    }

    public static boolean isCollector(String type) {
        return COLLECTORS.contains(type);
    }

    public static boolean isRole(String type) {
        return ROLES.contains(type);
    }

    private static Set<String> withProxy() {
        Set<String> roles = new HashSet<>(PROGRAMS);
        roles.add(PROXY);
        return Set.copyOf(roles);
    }
}
