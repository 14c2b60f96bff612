package org.jphmesh.bus.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The architecture test of an application module (and of mesh-app): its {@code ArchitectureTest} extends this with
 * the module's root package and inherits the checks.
 */
public abstract class ApplicationArchitecture {

    private final String root;
    private final JavaClasses classes;

    protected ApplicationArchitecture(String root) {
        this.root = root;
        this.classes = ModuleArchitecture.mainClasses(root);
    }

    @Test
    public void the_modules_packages_form_no_cycle() {
        ModuleArchitecture.packagesFreeOfCycles(root).check(classes);
    }

    @Test
    public void the_module_depends_on_no_other_application() {
        ModuleArchitecture.dependsOnNoOtherApplication(root).check(classes);
    }
}
