package org.jphmesh.collector;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.jphmesh.bus.testing.ModuleArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = ModuleArchitecture.mainClasses("org.jphmesh.collector");

    @Test
    void the_collectors_packages_form_no_cycle() {
        ModuleArchitecture.packagesFreeOfCycles("org.jphmesh.collector").check(CLASSES);
    }

    @Test
    void the_collector_depends_on_no_other_application() {
        ModuleArchitecture.dependsOnNoOtherApplication("org.jphmesh.collector").check(CLASSES);
    }
}
