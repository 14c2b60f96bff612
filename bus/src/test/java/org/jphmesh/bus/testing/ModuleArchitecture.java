package org.jphmesh.bus.testing;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.List;

/**
 * The package rules every module's {@code ArchitectureTest} checks (docs/architecture.md): no cycle among a module's
 * packages, {@code bus} depends on nothing of ours, and an application never depends on another.
 */
public final class ModuleArchitecture {

    /** The root package of each application module: sensor-node, collector, web, router, sql, control. */
    public static final List<String> APPLICATIONS = List.of("org.jphmesh.sensor", "org.jphmesh.collector",
            "org.jphmesh.web", "org.jphmesh.router", "org.jphmesh.sql", "org.jphmesh.control");

    private ModuleArchitecture() {
    }

    /** The production classes under {@code root}, without the test classes of any module. */
    public static JavaClasses mainClasses(String root) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(root);
    }

    /**
     * Every package under {@code root}, the root itself included, is a slice of its own: a cycle between a package and
     * its subpackage ({@code web} and {@code web.http}) counts as much as one between siblings.
     */
    public static ArchRule packagesFreeOfCycles(String root) {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                return name.equals(root) || name.startsWith(root + ".") ? SliceIdentifier.of(name) : SliceIdentifier.ignore();
            }

            @Override
            public String getDescription() {
                return "every package of " + root;
            }
        }).should().beFreeOfCycles();
    }

    /** No class under {@code root} uses a class of an application module other than its own. */
    public static ArchRule dependsOnNoOtherApplication(String root) {
        String[] others = APPLICATIONS.stream().filter(app -> !app.equals(root)).map(app -> app + "..").toArray(String[]::new);
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others);
    }

    /** No class of {@code bus} uses a class of ours outside {@code bus}: the protocol library stands alone. */
    public static ArchRule busDependsOnNothingOfOurs() {
        return noClasses().that().resideInAPackage("org.jphmesh.bus..")
                .should().dependOnClassesThat(resideInAPackage("org.jphmesh..").and(not(resideInAnyPackage("org.jphmesh.bus.."))));
    }
}
