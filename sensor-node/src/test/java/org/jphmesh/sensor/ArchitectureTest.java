package org.jphmesh.sensor;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.jphmesh.bus.testing.ModuleArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = ModuleArchitecture.mainClasses("org.jphmesh.sensor");

    @Test
    void the_sensor_nodes_packages_form_no_cycle() {
        ModuleArchitecture.packagesFreeOfCycles("org.jphmesh.sensor").check(CLASSES);
    }

    @Test
    void the_sensor_node_depends_on_no_other_application() {
        ModuleArchitecture.dependsOnNoOtherApplication("org.jphmesh.sensor").check(CLASSES);
    }
}
