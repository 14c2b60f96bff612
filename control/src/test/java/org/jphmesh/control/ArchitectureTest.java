package org.jphmesh.control;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.jphmesh.bus.testing.ModuleArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = ModuleArchitecture.mainClasses("org.jphmesh.control");

    @Test
    void the_control_tools_packages_form_no_cycle() {
        ModuleArchitecture.packagesFreeOfCycles("org.jphmesh.control").check(CLASSES);
    }

    @Test
    void the_control_tool_depends_on_no_other_application() {
        ModuleArchitecture.dependsOnNoOtherApplication("org.jphmesh.control").check(CLASSES);
    }
}
