package org.jphmesh.sql;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.jphmesh.bus.testing.ModuleArchitecture;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses CLASSES = ModuleArchitecture.mainClasses("org.jphmesh.sql");

    @Test
    void the_sql_tools_packages_form_no_cycle() {
        ModuleArchitecture.packagesFreeOfCycles("org.jphmesh.sql").check(CLASSES);
    }

    @Test
    void the_sql_tool_depends_on_no_other_application() {
        ModuleArchitecture.dependsOnNoOtherApplication("org.jphmesh.sql").check(CLASSES);
    }
}
