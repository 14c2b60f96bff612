package org.jphmesh.web;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.jphmesh.bus.testing.ModuleArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = ModuleArchitecture.mainClasses("org.jphmesh.web");

    @Test
    void the_dashboards_packages_form_no_cycle() {
        ModuleArchitecture.packagesFreeOfCycles("org.jphmesh.web").check(CLASSES);
    }

    @Test
    void the_dashboard_depends_on_no_other_application() {
        ModuleArchitecture.dependsOnNoOtherApplication("org.jphmesh.web").check(CLASSES);
    }
}
