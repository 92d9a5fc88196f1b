package dev.oncall.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * No two packages need each other. A cycle means two features are one feature in two places, or
 * a feature and the wiring that assembles it know about each other; either way neither can be
 * understood, moved or tested alone.
 */
class PackageCyclesTest {

    @Test
    void packagesAreFreeOfCycles() {
        ArchRule rule = slices().matching("dev.oncall.(**)").should().beFreeOfCycles();
        rule.check(Codebase.classes());
    }
}
