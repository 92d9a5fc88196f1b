package dev.oncall.acceptance.faults;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.faults.RunRecord.Alert;
import dev.oncall.acceptance.faults.RunRecord.Attempt;
import dev.oncall.acceptance.faults.RunRecord.Event;
import dev.oncall.acceptance.faults.RunRecord.Incident;
import dev.oncall.acceptance.system.FakeTwilio;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The checker fails a run that broke an invariant, and says how: fed rows no healthy system
 * writes (a step fired twice, as without the conditional step update; a gap in seq; an event
 * answered 202 and lost; a page sent twice with no sender fault or long enough database outage
 * to explain it), it names each.
 */
class InvariantCheckerTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final UUID incident = UUID.randomUUID();

    /** A clean incident: triggered, step 0 at once, step 1 a minute later, exhausted a minute after. */
    private List<Event> cleanLog() {
        return new ArrayList<>(List.of(
                new Event(incident, 1, "triggered", T0, -1, -1),
                new Event(incident, 2, "step_fired", T0.plusSeconds(1), 0, 0),
                new Event(incident, 3, "intent_created", T0.plusSeconds(1), 0, 0),
                new Event(incident, 4, "step_fired", T0.plusSeconds(61), 1, 0),
                new Event(incident, 5, "exhausted", T0.plusSeconds(121), -1, 1)));
    }

    private RunRecord run(List<KeyLedger> ledger, List<Alert> alerts, List<Event> events, List<Attempt> attempts,
                          List<FakeTwilio.Sent> sends, List<Fault> faults) {
        return new RunRecord(T0.plusSeconds(300), T0.minusSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(30),
                ledger, alerts, List.of(new Incident(incident, "triggered", List.of(MINUTE, MINUTE), 0)), events,
                attempts, sends, faults);
    }

    private RunRecord cleanRun() {
        return run(List.of(new KeyLedger("k-1", 1, 0, false, false)), List.of(new Alert("k-1", 1, incident)),
                cleanLog(), List.of(new Attempt(UUID.randomUUID(), incident, "sms", "sent", "SM1")),
                List.of(text("SM1", T0.plusSeconds(2))), List.of());
    }

    private static FakeTwilio.Sent text(String sid, Instant at) {
        return new FakeTwilio.Sent(sid, "sms", "+15550000001", "[Oncall] HIGH Under fire: Fault run k-1", null, at);
    }

    @Test
    void aCleanRunHolds() {
        InvariantChecker.Verdict verdict = InvariantChecker.check(cleanRun());
        assertThat(verdict.violations()).isEmpty();
        assertThat(verdict.stepsFired()).isEqualTo(2);
        assertThat(verdict.pages()).isEqualTo(1);
    }

    @Test
    void aStepFiredTwiceFails() {
        List<Event> log = cleanLog();
        log.add(new Event(incident, 6, "step_fired", T0.plusSeconds(62), 1, 0));
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(), log,
                cleanRun().attempts(), cleanRun().sends(), List.of()));
        assertThat(verdict.holds()).isFalse();
        assertThat(verdict.violations()).anyMatch(v -> v.startsWith(InvariantChecker.STEP_ONCE)
                && v.contains("step 1 of loop 0 of incident " + incident + " fired 2 times"));
    }

    @Test
    void aGapInSeqFails() {
        List<Event> log = cleanLog();
        log.removeIf(e -> e.seq() == 3);
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(), log,
                cleanRun().attempts(), cleanRun().sends(), List.of()));
        assertThat(verdict.violations()).containsExactly(
                InvariantChecker.SEQ_GAP_FREE + ": incident " + incident + ": event 3 has seq 4");
    }

    @Test
    void anEventAnswered202AndLostFails() {
        List<KeyLedger> ledger = List.of(new KeyLedger("k-1", 1, 0, false, false), new KeyLedger("k-2", 2, 1, false, false));
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(ledger, cleanRun().alerts(), cleanLog(),
                cleanRun().attempts(), cleanRun().sends(), List.of()));
        assertThat(verdict.violations()).containsExactly(InvariantChecker.ACCEPTED_ONCE
                + ": lost: k-2 was answered 202 2 time(s) and has no alert");
    }

    @Test
    void aDuplicateIncidentFails() {
        List<Alert> alerts = List.of(new Alert("k-1", 1, incident), new Alert("k-1", 1, incident));
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(cleanRun().ledger(), alerts, cleanLog(),
                cleanRun().attempts(), cleanRun().sends(), List.of()));
        assertThat(verdict.violations()).anyMatch(v -> v.contains("duplicated: k-1 has 2 alerts"));
    }

    @Test
    void aMissingStepFails() {
        List<Event> log = cleanLog().subList(0, 3);
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(), log,
                cleanRun().attempts(), cleanRun().sends(), List.of()));
        assertThat(verdict.violations()).singleElement().asString()
                .startsWith(InvariantChecker.STEP_DUE_FIRED + ": missing: incident " + incident);
    }

    @Test
    void onlyAFaultThatCanHoldAStepBackExcusesItsLateness() {
        // Step 1 is due at T0+61 and fires 50 s later, past the 30 s bound.
        List<Event> log = new ArrayList<>(cleanLog().subList(0, 3));
        log.add(new Event(incident, 4, "step_fired", T0.plusSeconds(111), 1, 0));
        log.add(new Event(incident, 5, "exhausted", T0.plusSeconds(171), -1, 1));
        for (FaultKind kind : FaultKind.values()) {
            Fault fault = new Fault(kind, "target", T0.plusSeconds(50), T0.plusSeconds(100));
            InvariantChecker.Verdict verdict = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(), log,
                    cleanRun().attempts(), cleanRun().sends(), List.of(fault)));
            boolean excused = kind.delaysEscalation();
            assertThat(verdict.violations()).as(kind.name())
                    .satisfies(v -> assertThat(v.isEmpty()).as(kind + " excuses the late step").isEqualTo(excused));
        }
        assertThat(FaultKind.KILL_API.delaysEscalation()).isFalse();
        assertThat(FaultKind.CONFIG_LOCK.delaysEscalation()).isFalse();
    }

    @Test
    void aStepAfterTheAcknowledgementFails() {
        List<Event> log = cleanLog();
        log.add(3, new Event(incident, 4, "acknowledged", T0.plusSeconds(30), -1, -1));
        List<Event> renumbered = new ArrayList<>();
        for (int i = 0; i < log.size(); i++) {
            Event e = log.get(i);
            renumbered.add(new Event(e.incidentId(), i + 1, e.kind(), e.at(), e.step(), e.loop()));
        }
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(), renumbered,
                cleanRun().attempts(), cleanRun().sends(), List.of()));
        assertThat(verdict.violations()).contains(InvariantChecker.QUIET_AFTER_ACK + ": step_fired (seq 5) after incident "
                + incident + " was acknowledged");
    }

    @Test
    void aDuplicatePageIsAllowedOnlyWhileASenderDied() {
        List<FakeTwilio.Sent> twice = List.of(text("SM1", T0.plusSeconds(2)), text("SM0", T0.plusSeconds(1)));
        InvariantChecker.Verdict unexplained = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(),
                cleanLog(), cleanRun().attempts(), twice, List.of()));
        assertThat(unexplained.duplicates()).isEqualTo(1);
        assertThat(unexplained.violations()).singleElement().asString()
                .contains("text SM0").contains("no worker was killed or frozen then");

        Fault killed = new Fault(FaultKind.KILL_WORKER, "regional-worker", T0, T0.plusSeconds(20));
        InvariantChecker.Verdict explained = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(),
                cleanLog(), cleanRun().attempts(), twice, List.of(killed)));
        assertThat(explained.violations()).isEmpty();
        assertThat(explained.duplicates()).isEqualTo(1);
    }

    @Test
    void aDuplicatePageDuringADatabaseOutageShorterThanTheClaimTtlFails() {
        List<FakeTwilio.Sent> twice = List.of(text("SM1", T0.plusSeconds(2)), text("SM0", T0.plusSeconds(1)));
        // A sender retries its record through an outage shorter than its claim: no duplicate is excused by it,
        // nor by Redis being down however long.
        List<Fault> faults = List.of(new Fault(FaultKind.STOP_POSTGRES, "postgresql", T0, T0.plusSeconds(20)),
                new Fault(FaultKind.STOP_REDIS, "redis", T0, T0.plusSeconds(60)));
        InvariantChecker.Verdict verdict = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(),
                cleanLog(), cleanRun().attempts(), twice, faults));
        assertThat(verdict.duplicates()).isEqualTo(1);
        assertThat(verdict.violations()).singleElement().asString().startsWith(InvariantChecker.PAGE_AT_MOST_ONCE)
                .contains("text SM0", "nor was PostgreSQL down for longer than the claim TTL (30 s)");
    }

    @Test
    void aDuplicatePageIsAllowedWhenTheDatabaseWasDownLongerThanTheClaimTtlFromTheTextOn() {
        List<FakeTwilio.Sent> twice = List.of(text("SM1", T0.plusSeconds(45)), text("SM0", T0.plusSeconds(1)));
        Fault outage = new Fault(FaultKind.STOP_POSTGRES, "postgresql", T0.plusMillis(1500), T0.plusSeconds(40));
        InvariantChecker.Verdict explained = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(),
                cleanLog(), cleanRun().attempts(), twice, List.of(outage)));
        assertThat(explained.violations()).isEmpty();
        assertThat(explained.duplicates()).isEqualTo(1);

        Fault later = new Fault(FaultKind.STOP_POSTGRES, "postgresql", T0.plusSeconds(10), T0.plusSeconds(50));
        InvariantChecker.Verdict unexplained = InvariantChecker.check(run(cleanRun().ledger(), cleanRun().alerts(),
                cleanLog(), cleanRun().attempts(), twice, List.of(later)));
        assertThat(unexplained.violations()).as("the text's record had long committed when that outage began")
                .singleElement().asString().contains("text SM0");
    }
}
