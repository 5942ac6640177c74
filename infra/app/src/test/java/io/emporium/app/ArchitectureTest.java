package io.emporium.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundaries the module graph draws, checked a second time on the classes themselves. */
class ArchitectureTest {

    private static JavaClasses emporium;

    @BeforeAll
    static void importClasses() {
        emporium = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.emporium");
    }

    @Test
    void contractsDependOnTheJdkAndJSpecifyOnly() {
        classes().that().resideInAPackage("io.emporium.contracts..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "org.jspecify..",
                        "io.emporium.contracts..")
                .check(emporium);
    }

    @Test
    void projectionsNeverUseTheCommandSide() {
        noClasses().that().resideInAPackage("io.emporium.projections..")
                .should().dependOnClassesThat().resideInAPackage("io.emporium.command..")
                .check(emporium);
    }

    @Test
    void theQuerySideNeverUsesTheCommandSide() {
        noClasses().that().resideInAPackage("io.emporium.query..")
                .should().dependOnClassesThat().resideInAPackage("io.emporium.command..")
                .check(emporium);
    }

    @Test
    void noPackageIsNamedAfterALayer() {
        noClasses().should().resideInAnyPackage("..controller..", "..controllers..", "..service..", "..services..",
                        "..repository..", "..repositories..", "..dto..", "..dtos..")
                .check(emporium);
    }
}
