package dev.oncall.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Time comes from the injected {@code java.time.Clock}, and wall-clock rules are evaluated in
 * the schedule's zone, never the JVM's: a test can then move time, and a server in another
 * zone gives the same answers. Waiting is polling with a deadline, never a sleep.
 */
class TimeRulesTest {
    private static final Set<String> CLOCK_READERS = Set.of(
            "java.time.Instant", "java.time.LocalDate", "java.time.LocalDateTime", "java.time.LocalTime",
            "java.time.ZonedDateTime", "java.time.OffsetDateTime", "java.time.Year", "java.time.YearMonth");

    private static final DescribedPredicate<JavaCall<?>> READS_THE_SYSTEM_CLOCK = DescribedPredicate.describe(
            "read the system clock (now() without a Clock, System.currentTimeMillis)",
            call -> {
                String owner = call.getTargetOwner().getName();
                String name = call.getName();
                boolean nowWithoutClock = name.equals("now") && CLOCK_READERS.contains(owner)
                        && call.getTarget().getRawParameterTypes().stream()
                                .noneMatch(p -> p.getName().equals("java.time.Clock"));
                boolean millis = owner.equals("java.lang.System") && name.equals("currentTimeMillis");
                return nowWithoutClock || millis;
            });

    private static final DescribedPredicate<JavaCall<?>> USES_THE_JVM_ZONE = DescribedPredicate.describe(
            "use the JVM's default zone",
            call -> (call.getTargetOwner().getName().equals("java.time.ZoneId") && call.getName().equals("systemDefault"))
                    || (call.getTargetOwner().getName().equals("java.util.TimeZone") && call.getName().equals("getDefault"))
                    || (call.getTargetOwner().getName().equals("java.time.Clock") && call.getName().equals("systemDefaultZone")));

    @Test
    void nothingReadsTheSystemClockButTheOneClockBean() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.oncall..")
                .should().callCodeUnitWhere(READS_THE_SYSTEM_CLOCK)
                .because("every component takes the injected Clock, so tests control time");
        rule.check(Codebase.classes());
    }

    @Test
    void onlyThePlatformMakesTheSystemClock() {
        ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.oncall.platform.config..")
                .and().resideInAPackage("dev.oncall..")
                .should().callMethod(java.time.Clock.class, "systemUTC")
                .because("there is one clock bean; everything else is given it");
        rule.check(Codebase.classes());
    }

    @Test
    void nothingUsesTheJvmDefaultZone() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.oncall..")
                .should().callCodeUnitWhere(USES_THE_JVM_ZONE)
                .because("wall-clock rules are evaluated in the schedule's or the person's IANA zone");
        rule.check(Codebase.classes());
    }

    @Test
    void nothingSleepsToWait() {
        ArchRule rule = noClasses().that().resideInAPackage("dev.oncall..")
                .should().callMethod(Thread.class, "sleep", long.class)
                .orShould().callMethod(Thread.class, "sleep", java.time.Duration.class)
                .because("waiting for something is polling it with a deadline, never sleeping a guessed time");
        rule.check(Codebase.classes());
    }
}
