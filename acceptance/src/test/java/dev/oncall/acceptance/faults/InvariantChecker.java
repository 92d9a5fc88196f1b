package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.faults.RunRecord.Event;
import dev.oncall.acceptance.faults.RunRecord.Incident;
import dev.oncall.acceptance.system.FakeTwilio;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The fault run's invariants, checked over what the run left behind ({@link RunRecord}). Each
 * invariant counts what it checked and names every violation, so a failing run says what broke,
 * for which key or incident.
 */
public final class InvariantChecker {
    public static final String ACCEPTED_ONCE = "every event answered 202 is recorded exactly once";
    public static final String ACTIONS_TAKE_EFFECT = "every acknowledge/resolve answered 202 took effect";
    public static final String STEP_ONCE = "every escalation step fired at most once";
    public static final String STEP_DUE_FIRED = "every due step fired within its bound";
    public static final String PAGE_AT_MOST_ONCE = "every intent reached the phone network at most once";
    public static final String QUIET_AFTER_ACK = "nothing escalated after acknowledge or resolve";
    public static final String SEQ_GAP_FREE = "each incident's log is gap-free in seq and ordered";

    private static final Set<FaultKind> SENDER_FAULTS = Set.of(FaultKind.KILL_WORKER, FaultKind.FREEZE_WORKER, FaultKind.FREEZE_REGION);
    /** How long before a PostgreSQL outage began a text may have gone out with its record not yet committed. */
    private static final Duration RECORD_IN_FLIGHT = Duration.ofSeconds(1);

    private InvariantChecker() {}

    /** One invariant: how many things it checked and what broke it. */
    public record Invariant(String name, int checked, List<String> violations) {
        public boolean holds() {
            return violations.isEmpty();
        }
    }

    /**
     * The verdict: every invariant, and the run's measures (pages, duplicate pages, the lateness
     * of each step fired, by the kind of fault it was attributed to, or none).
     */
    public record Verdict(List<Invariant> invariants, int alerts, int incidents, int stepsFired,
                          int stepsFromSnapshot, int pages, int duplicates, int unsentIntents,
                          Map<String, List<Duration>> lateness) {
        /** The largest lateness of a step after each kind of fault, or after none. */
        public Map<String, Duration> latenessAfter() {
            Map<String, Duration> largest = new HashMap<>();
            lateness.forEach((kind, all) -> largest.put(kind, all.stream().max(Comparator.naturalOrder()).orElse(Duration.ZERO)));
            return largest;
        }

        public boolean holds() {
            return invariants.stream().allMatch(Invariant::holds);
        }

        public List<String> violations() {
            return invariants.stream().flatMap(i -> i.violations().stream().map(v -> i.name() + ": " + v)).toList();
        }
    }

    public static Verdict check(RunRecord run) {
        Map<UUID, List<Event>> logs = run.events().stream().collect(Collectors.groupingBy(Event::incidentId));
        logs.replaceAll((id, events) -> events.stream().sorted(Comparator.comparingLong(Event::seq)).toList());
        Map<UUID, Incident> incidents = run.incidents().stream().collect(Collectors.toMap(Incident::id, i -> i));
        Map<String, List<Duration>> lateness = new HashMap<>();
        Pages pages = pages(run);
        List<Invariant> invariants = List.of(
                acceptedOnce(run, incidents),
                actionsTakeEffect(run, logs),
                stepOnce(logs),
                stepDueFired(run, logs, incidents, lateness),
                pages.invariant,
                quietAfterAck(logs),
                seqGapFree(logs));
        int steps = (int) run.events().stream().filter(e -> e.kind().equals("step_fired")).count();
        int fromSnapshot = (int) run.events().stream().filter(e -> e.kind().equals("step_fired") && e.fromSnapshot()).count();
        int unsent = (int) run.attempts().stream().filter(a -> a.state().equals("pending") || a.state().equals("sending")).count();
        return new Verdict(invariants, run.alerts().size(), run.incidents().size(), steps, fromSnapshot, pages.recorded,
                pages.duplicates, unsent, lateness);
    }

    private static Invariant acceptedOnce(RunRecord run, Map<UUID, Incident> incidents) {
        Map<String, List<RunRecord.Alert>> byKey = run.alerts().stream().collect(Collectors.groupingBy(RunRecord.Alert::dedupKey));
        List<String> violations = new ArrayList<>();
        for (KeyLedger key : run.ledger()) {
            List<RunRecord.Alert> alerts = byKey.getOrDefault(key.key(), List.of());
            if (key.triggersAccepted() > 0 && alerts.isEmpty()) {
                violations.add("lost: " + key.key() + " was answered 202 " + key.triggersAccepted() + " time(s) and has no alert");
            }
            if (alerts.size() > 1) {
                violations.add("duplicated: " + key.key() + " has " + alerts.size() + " alerts (one trigger chain, never resolved before a retrigger)");
            }
            for (RunRecord.Alert alert : alerts) {
                int least = key.triggersAccepted();
                int most = key.triggersAccepted() + key.triggersUnsure();
                if (alert.eventCount() < least || alert.eventCount() > most) {
                    violations.add("miscounted: " + key.key() + " counts " + alert.eventCount() + " events; the sender had "
                            + least + " answered 202 and " + key.triggersUnsure() + " unanswered");
                }
                if (alert.incidentId() == null || !incidents.containsKey(alert.incidentId())) {
                    violations.add("no incident: the alert of " + key.key() + " names incident " + alert.incidentId());
                }
            }
        }
        return new Invariant(ACCEPTED_ONCE, run.ledger().size(), violations);
    }

    private static Invariant actionsTakeEffect(RunRecord run, Map<UUID, List<Event>> logs) {
        Map<String, UUID> incidentOf = new HashMap<>();
        run.alerts().forEach(a -> incidentOf.put(a.dedupKey(), a.incidentId()));
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (KeyLedger key : run.ledger()) {
            if (!key.acknowledged() && !key.resolved()) {
                continue;
            }
            checked++;
            List<String> kinds = logs.getOrDefault(incidentOf.get(key.key()), List.of()).stream().map(Event::kind).toList();
            if (key.resolved() && !kinds.contains("resolved")) {
                violations.add(key.key() + " was resolved (202) but its incident's log has no resolve");
            } else if (key.acknowledged() && !kinds.contains("acknowledged") && !kinds.contains("resolved")) {
                violations.add(key.key() + " was acknowledged (202) but its incident's log has no acknowledgement");
            }
        }
        return new Invariant(ACTIONS_TAKE_EFFECT, checked, violations);
    }

    private static Invariant stepOnce(Map<UUID, List<Event>> logs) {
        List<String> violations = new ArrayList<>();
        logs.forEach((incident, events) -> {
            Map<String, Long> fired = events.stream().filter(e -> e.kind().equals("step_fired"))
                    .collect(Collectors.groupingBy(e -> "step " + e.step() + " of loop " + e.loop(), Collectors.counting()));
            fired.forEach((position, times) -> {
                if (times > 1) {
                    violations.add(position + " of incident " + incident + " fired " + times + " times");
                }
            });
            long exhausted = events.stream().filter(e -> e.kind().equals("exhausted")).count();
            if (exhausted > 1) {
                violations.add("incident " + incident + " was exhausted " + exhausted + " times");
            }
        });
        return new Invariant(STEP_ONCE, logs.size(), violations);
    }

    /**
     * Walks each log: a trigger makes the first step due at once; a step fired makes the next
     * due after that step's wait; an acknowledgement or resolve makes nothing due; exhaustion
     * ends it. A step must fire by its due time plus the bound, moved past the end of every
     * fault overlapping that window; a step still not fired past that when the database is read
     * is missing.
     */
    private static Invariant stepDueFired(RunRecord run, Map<UUID, List<Event>> logs, Map<UUID, Incident> incidents,
                                          Map<String, List<Duration>> lateness) {
        List<Fault> faults = run.faults().stream().sorted(Comparator.comparing(Fault::start)).toList();
        List<String> violations = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<UUID, List<Event>> log : logs.entrySet()) {
            Incident incident = incidents.get(log.getKey());
            Instant due = null;
            for (Event e : log.getValue()) {
                switch (e.kind()) {
                    case "triggered", "retriggered" -> due = e.at();
                    case "step_fired", "exhausted" -> {
                        checked++;
                        if (due != null) {
                            Deadline deadline = deadline(due, run.bound(), faults);
                            // Lateness counts from the due time, or from the end of the fault that delayed the step
                            // (a clock step does not delay it: it only moves the instants, ClockStepAllowance).
                            Instant dueAt = due;
                            Instant from = deadline.fault.filter(f -> f.kind() != FaultKind.CLOCK_STEP).map(Fault::end)
                                    .filter(end -> end.isAfter(dueAt)).orElse(dueAt);
                            Duration late = Duration.between(from, e.at());
                            lateness.computeIfAbsent(deadline.fault.map(f -> f.kind().name()).orElse("none"),
                                    k -> new ArrayList<>()).add(late.isNegative() ? Duration.ZERO : late);
                            if (e.at().isAfter(deadline.at)) {
                                violations.add((e.kind().equals("exhausted") ? "exhaustion" : "step " + e.step() + " of loop " + e.loop())
                                        + " of incident " + log.getKey() + " fired at " + e.at() + ", due " + due
                                        + ", bound " + deadline.at);
                            }
                        }
                        due = e.kind().equals("exhausted") || incident == null ? null : e.at().plus(wait(incident, e.step()));
                    }
                    case "acknowledged", "resolved" -> due = null;
                    default -> { }
                }
            }
            if (due != null && incident != null && incident.status().equals("triggered")) {
                Deadline deadline = deadline(due, run.bound(), faults);
                if (run.checkedAt().isAfter(deadline.at)) {
                    violations.add("missing: incident " + log.getKey() + " has had a step due since " + due
                            + " (bound " + deadline.at + ") and none fired by " + run.checkedAt());
                }
            }
        }
        return new Invariant(STEP_DUE_FIRED, checked, violations);
    }

    private static Duration wait(Incident incident, int step) {
        return step >= 0 && step < incident.waits().size() ? incident.waits().get(step) : Duration.ZERO;
    }

    /** When a step due at {@code due} must have fired, and the last fault that moved that time. */
    private record Deadline(Instant at, Optional<Fault> fault) {}

    private static Deadline deadline(Instant due, Duration bound, List<Fault> faults) {
        Instant at = due.plus(bound);
        Optional<Fault> by = Optional.empty();
        for (Fault f : faults) {
            if (f.kind().delaysEscalation() && !f.start().isAfter(at) && !f.end().isBefore(due)
                    && f.end().plus(bound).isAfter(at)) {
                at = f.end().plus(bound);
                by = Optional.of(f);
            }
        }
        ClockStepAllowance.Allowance stepped = ClockStepAllowance.of(due, at, faults);
        return new Deadline(at.plus(stepped.lateness()), by.or(stepped::step));
    }

    private record Pages(Invariant invariant, int recorded, int duplicates) {}

    /**
     * Texts of the run (not verification codes) matched to the attempts that record their
     * message id. A text no attempt records was sent by a sender that died or froze before
     * recording it, and its intent was sent again: a duplicate, allowed only while a worker was
     * killed or frozen (until the claim TTL and the bound after), or when PostgreSQL was down for
     * longer than the claim TTL from the text on (a sender retries its record through a shorter
     * outage, so a shorter one explains nothing). An attempt recorded as sent whose text never
     * reached the phone network is a lost page.
     */
    private static Pages pages(RunRecord run) {
        List<FakeTwilio.Sent> texts = run.sends().stream()
                .filter(s -> s.kind().equals("sms") && !s.at().isBefore(run.runStart()) && !s.body().contains("verification code"))
                .toList();
        Set<String> recordedSids = run.attempts().stream().filter(a -> a.channel().equals("sms"))
                .map(RunRecord.Attempt::providerMessageId).filter(id -> id != null).collect(Collectors.toSet());
        Set<String> reached = new HashSet<>();
        texts.forEach(t -> reached.add(t.sid()));
        long slack = run.claimTtl().plus(run.bound()).toSeconds();
        List<String> violations = new ArrayList<>();
        int duplicates = 0;
        for (FakeTwilio.Sent text : texts) {
            if (recordedSids.contains(text.sid())) {
                continue;
            }
            duplicates++;
            boolean explained = run.faults().stream().anyMatch(f -> SENDER_FAULTS.contains(f.kind()) && f.covers(text.at(), slack)
                    || outlastedTheClaim(f, run.claimTtl(), text.at()));
            if (!explained) {
                violations.add("text " + text.sid() + " to " + text.to() + " at " + text.at()
                        + " is recorded by no intent, and no worker was killed or frozen then, nor was PostgreSQL down "
                        + "for longer than the claim TTL (" + run.claimTtl().toSeconds() + " s)");
            }
        }
        for (RunRecord.Attempt a : run.attempts()) {
            if (a.channel().equals("sms") && (a.state().equals("sent") || a.state().equals("delivered"))
                    && (a.providerMessageId() == null || !reached.contains(a.providerMessageId()))) {
                violations.add("intent " + a.id() + " of incident " + a.incidentId() + " is recorded " + a.state()
                        + " as " + a.providerMessageId() + ", which never reached the phone network");
            }
        }
        return new Pages(new Invariant(PAGE_AT_MOST_ONCE, texts.size(), violations), texts.size() - duplicates, duplicates);
    }

    /**
     * A PostgreSQL outage longer than the claim TTL that was on when the text went out, or began
     * while its record was in flight: the sender retried its record until its claim expired, then
     * gave up, and another sender sent the intent again.
     */
    private static boolean outlastedTheClaim(Fault f, Duration claimTtl, Instant text) {
        return f.kind() == FaultKind.STOP_POSTGRES && Duration.between(f.start(), f.end()).compareTo(claimTtl) > 0
                && !text.isBefore(f.start().minus(RECORD_IN_FLIGHT)) && !text.isAfter(f.end());
    }

    private static Invariant quietAfterAck(Map<UUID, List<Event>> logs) {
        List<String> violations = new ArrayList<>();
        logs.forEach((incident, events) -> {
            boolean acknowledged = false;
            boolean resolved = false;
            for (Event e : events) {
                switch (e.kind()) {
                    case "acknowledged" -> acknowledged = true;
                    case "retriggered", "escalated" -> acknowledged = false;
                    case "resolved" -> resolved = true;
                    case "step_fired", "exhausted", "intent_created" -> {
                        if (resolved) {
                            violations.add(e.kind() + " (seq " + e.seq() + ") after incident " + incident + " was resolved");
                        } else if (acknowledged && !e.kind().equals("intent_created")) {
                            violations.add(e.kind() + " (seq " + e.seq() + ") after incident " + incident + " was acknowledged");
                        }
                    }
                    default -> { }
                }
            }
        });
        return new Invariant(QUIET_AFTER_ACK, logs.size(), violations);
    }

    /**
     * Numbered 1, 2, 3… with no gap, and the incident's own changes (every kind but the notification
     * outcomes) in time order. A notification outcome carries the instant the provider answered,
     * which precedes its commit by the duplicate window, so an event appended meanwhile may hold a
     * later instant and a smaller number: that is the design, not a reordering.
     */
    private static Invariant seqGapFree(Map<UUID, List<Event>> logs) {
        List<String> violations = new ArrayList<>();
        logs.forEach((incident, events) -> {
            Event lastChange = null;
            for (int i = 0; i < events.size(); i++) {
                Event e = events.get(i);
                if (e.seq() != i + 1) {
                    violations.add("incident " + incident + ": event " + (i + 1) + " has seq " + e.seq());
                    break;
                }
                if (e.kind().startsWith("notification_")) {
                    continue;
                }
                if (lastChange != null && e.at().isBefore(lastChange.at())) {
                    violations.add("incident " + incident + ": seq " + e.seq() + " (" + e.kind() + ", " + e.at()
                            + ") is earlier than seq " + lastChange.seq() + " (" + lastChange.kind() + ", "
                            + lastChange.at() + ")");
                    break;
                }
                lastChange = e;
            }
        });
        return new Invariant(SEQ_GAP_FREE, logs.size(), violations);
    }
}
