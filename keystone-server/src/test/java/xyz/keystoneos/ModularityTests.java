package xyz.keystoneos;

import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Keeps the module boundaries honest: modules use each other's public API only, and there are no cycles. */
class ModularityTests {

    /** The SDK and its examples share the base package and sit on the test classpath, but are not server modules. */
    private final ApplicationModules modules = ApplicationModules.of(KeystoneApplication.class,
            JavaClass.Predicates.resideInAnyPackage("xyz.keystoneos.sdk..", "xyz.keystoneos.examples.."));

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
