package org.jphmesh.bus.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class ModuleArchitectureTest {

    // The fixture lives among the test classes, which mainClasses leaves out; import it directly.
    private static final JavaClasses CYCLIC = new ClassFileImporter().importPackages("org.jphmesh.bus.testing.cyclic");

    @Test
    void a_cycle_between_a_root_package_and_its_subpackage_is_a_violation() {
        assertThat(ModuleArchitecture.packagesFreeOfCycles("org.jphmesh.bus.testing.cyclic").evaluate(CYCLIC).hasViolation())
                .isTrue();
    }

    @Test
    void classes_outside_the_root_are_not_part_of_its_slices() {
        assertThat(ModuleArchitecture.packagesFreeOfCycles("org.jphmesh.bus.testing.cyclic.inner").evaluate(CYCLIC)
                .hasViolation()).isFalse();
    }
}
