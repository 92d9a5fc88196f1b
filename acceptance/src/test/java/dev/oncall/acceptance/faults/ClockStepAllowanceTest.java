package dev.oncall.acceptance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.faults.RunRecord.Event;
import dev.oncall.acceptance.system.FakeTwilio;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A clock step lets a step read as late as the step is large, near it, and nothing more: not a
 * step later than that, not one far from it, and never a page sent twice.
 */
class ClockStepAllowanceTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration BOUND = Duration.ofSeconds(30);
    private final UUID incident = UUID.randomUUID();

    /** Triggered at T0, its first step fired 20 s past the bound, then resolved. */
    private RunRecord run(List<FakeTwilio.Sent> sends, Fault... faults) {
        List<Event> log = List.of(
                new Event(incident, 1, "triggered", T0, -1, -1),
                new Event(incident, 2, "step_fired", T0.plus(BOUND).plusSeconds(20), 0, 0),
                new Event(incident, 3, "resolved", T0.plus(BOUND).plusSeconds(25), -1, -1));
        return new RunRecord(T0.plusSeconds(300), T0.minusSeconds(10), BOUND, Duration.ofSeconds(30),
                List.of(new KeyLedger("k-1", 1, 0, false, true)), List.of(new RunRecord.Alert("k-1", 1, incident)),
                List.of(new RunRecord.Incident(incident, "resolved", List.of(Duration.ofMinutes(1)), 0)), log,
                List.of(new RunRecord.Attempt(UUID.randomUUID(), incident, "sms", "sent", "SM1")), sends, List.of(faults));
    }

    private static Fault step(int seconds, Instant start, Instant end) {
        return new Fault(FaultKind.CLOCK_STEP, "regional-worker-2", start, end, Duration.ofSeconds(seconds));
    }

    private static FakeTwilio.Sent text(String sid, Instant at) {
        return new FakeTwilio.Sent(sid, "sms", "+15550000001", "[Oncall] HIGH Under fire: Fault run k-1", null, at);
    }

    private List<FakeTwilio.Sent> oneText() {
        return List.of(text("SM1", T0.plusSeconds(55)));
    }

    @Test
    void aStepLateByNoMoreThanAClockStepNearItHolds() {
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(oneText(), step(-25, T0.minusSeconds(5), T0.plusSeconds(20))));
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.latenessAfter()).containsEntry("CLOCK_STEP", BOUND.plusSeconds(20));
    }

    @Test
    void aStepLaterThanTheClockStepAllowsFails() {
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(oneText(), step(10, T0.minusSeconds(5), T0.plusSeconds(20))));
        assertThat(verdict.violations()).singleElement().asString()
                .startsWith(InvariantChecker.STEP_DUE_FIRED + ": step 0 of loop 0 of incident " + incident);
    }

    @Test
    void aClockStepLongOverAllowsNothing() {
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(oneText(),
                step(25, T0.minusSeconds(120), T0.minusSeconds(60))));
        assertThat(verdict.violations()).singleElement().asString().startsWith(InvariantChecker.STEP_DUE_FIRED);
    }

    @Test
    void aClockStepExplainsNoPageSentTwice() {
        List<FakeTwilio.Sent> twice = List.of(text("SM1", T0.plusSeconds(55)), text("SM0", T0.plusSeconds(54)));
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(twice, step(-25, T0.minusSeconds(5), T0.plusSeconds(60))));
        assertThat(verdict.violations()).singleElement().asString()
                .startsWith(InvariantChecker.PAGE_AT_MOST_ONCE).contains("text SM0");
    }
}
