package dev.oncall.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The module rules of ARCHITECTURE.md: dependencies point one way (apps, then store, then core
 * and platform), no app uses another, platform knows no feature, and core knows no framework.
 * Maven's module graph already forbids some of these; the rules here also say why when broken.
 */
class ModuleRulesTest {

    @Test
    void dependenciesPointOneWay() {
        ArchRule rule = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("platform").definedBy("dev.oncall.platform..")
                .layer("core").definedBy("dev.oncall.core..")
                .layer("store").definedBy("dev.oncall.store..")
                .layer("graph-api").definedBy("dev.oncall.api..")
                .layer("regional-worker").definedBy("dev.oncall.worker..")
                .layer("audit-auditor").definedBy("dev.oncall.auditor..")
                .layer("cli").definedBy("dev.oncall.cli..")
                .layer("local").definedBy("dev.oncall.local..")
                .whereLayer("platform").mayNotAccessAnyLayer()
                .whereLayer("core").mayNotAccessAnyLayer()
                .whereLayer("store").mayOnlyAccessLayers("core", "platform")
                .whereLayer("graph-api").mayOnlyAccessLayers("store", "core", "platform")
                .whereLayer("regional-worker").mayOnlyAccessLayers("store", "core", "platform")
                .whereLayer("audit-auditor").mayOnlyAccessLayers("store", "core", "platform")
                .whereLayer("cli").mayOnlyAccessLayers("core")
                .whereLayer("local").mayOnlyAccessLayers("store", "core", "platform")
                .because("an app never imports another app, and core and platform are the leaves everything stands on");
        rule.check(Codebase.classes());
    }

    @Test
    void coreKnowsNoFrameworkDatabaseOrRedis() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.oncall.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "io.lettuce..",
                        "org.flywaydb..", "io.github.resilience4j..", "jakarta.servlet..", "org.apache.hc..")
                .because("core holds the pure rules: the same input gives the same answer, testable without infrastructure");
        rule.check(Codebase.classes());
    }

    @Test
    void platformKnowsNoFeature() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.oncall.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.oncall.core..", "dev.oncall.store..")
                .because("platform is what every feature runs on, so it can be reused and tested without any of them");
        rule.check(Codebase.classes());
    }
}
