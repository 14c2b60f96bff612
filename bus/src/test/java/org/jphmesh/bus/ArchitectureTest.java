package org.jphmesh.bus;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.jphmesh.bus.testing.ModuleArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = ModuleArchitecture.mainClasses("org.jphmesh.bus");

    @Test
    void the_bus_packages_form_no_cycle() {
        ModuleArchitecture.packagesFreeOfCycles("org.jphmesh.bus").check(CLASSES);
    }

    @Test
    void the_bus_depends_on_nothing_of_ours() {
        ModuleArchitecture.busDependsOnNothingOfOurs().check(CLASSES);
    }
}
