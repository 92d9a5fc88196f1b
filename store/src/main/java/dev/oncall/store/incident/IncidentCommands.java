package dev.oncall.store.incident;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Escalation;
import dev.oncall.core.incident.FireDecision;
import dev.oncall.core.incident.Incident;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.incident.StatusCommand;
import dev.oncall.core.incident.StatusTransition;
import dev.oncall.core.incident.NotificationPlan.Planned;
import dev.oncall.core.service.Service;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Deadline;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.snapshot.DatabasePagingConfiguration;
import dev.oncall.store.service.ServiceRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Everything people and monitoring tools do to incidents. Each command is one transaction that
 * changes state, appends its events (actor, channel, time) and, for acknowledge and resolve,
 * stops escalation; subscribers are woken after commit. Bad input is refused with field errors
 * and nothing is written.
 */
public final class IncidentCommands {
    public static final int MAX_NOTE = 4000;
    public static final int MAX_REASSIGNEES = 20;
    /** Alerts one request may carry (an Alertmanager group); larger groups are refused whole. */
    public static final int MAX_BATCH = 1000;
    static final Duration DEFAULT_INGEST_DEADLINE = Duration.ofSeconds(8);

    private final Transactions tx;
    private final Clock clock;
    private final String region;
    private final OnCallLookup onCall;
    private final IncidentEventPublisher publisher;
    private final MeterRegistry meters;
    private final Duration ingestDeadline;

    public IncidentCommands(Transactions tx, Clock clock, String region, OnCallLookup onCall,
                            IncidentEventPublisher publisher) {
        this(tx, clock, region, onCall, publisher, new SimpleMeterRegistry(), DEFAULT_INGEST_DEADLINE);
    }

    /**
     * @param meters         counts alerts routing rules dropped ({@code oncall.alerts.dropped}, by service and rule)
     * @param ingestDeadline how long after it began an ingest may still commit ({@link IncidentProperties})
     */
    public IncidentCommands(Transactions tx, Clock clock, String region, OnCallLookup onCall,
                            IncidentEventPublisher publisher, MeterRegistry meters, Duration ingestDeadline) {
        this.ingestDeadline = ingestDeadline;
        this.tx = tx;
        this.clock = clock;
        this.region = region;
        this.onCall = onCall;
        this.publisher = publisher;
        this.meters = meters;
    }

    /**
     * Records one alert event for a service (trigger, acknowledge or resolve by dedup key).
     *
     * @throws ValidationException on {@code serviceId} when it names nothing
     */
    public TriggerResult trigger(UUID serviceId, AlertEvent event, Actor actor, Channel channel) {
        return trigger(serviceId, event, actor, channel, ingestDeadline());
    }

    /** Like {@link #trigger(UUID, AlertEvent, Actor, Channel)}, committed before {@code deadline} or not at all. */
    public TriggerResult trigger(UUID serviceId, AlertEvent event, Actor actor, Channel channel, Deadline deadline) {
        return ingest(serviceId, List.of(event), Optional.empty(), actor, channel, deadline).getFirst();
    }

    /**
     * The deadline of an alert event that arrives now: {@code oncall.incidents.ingest-deadline} away.
     * A request takes it when it arrives, so the waits before its transaction count too.
     */
    public Deadline ingestDeadline() {
        return Deadline.in(ingestDeadline);
    }

    /** A person paging by hand: like {@link #trigger}, with the new incident's urgency chosen rather than the service's. */
    public TriggerResult trigger(UUID serviceId, AlertEvent event, Urgency urgency, Actor actor, Channel channel) {
        return ingest(serviceId, List.of(event), Optional.of(urgency), actor, channel, ingestDeadline()).getFirst();
    }

    /** Records several alert events of one service in ONE transaction: all of them, or none. */
    public List<TriggerResult> ingest(UUID serviceId, List<AlertEvent> events, Actor actor, Channel channel) {
        return ingest(serviceId, events, Optional.empty(), actor, channel, ingestDeadline());
    }

    /** Like {@link #ingest(UUID, List, Actor, Channel)}, committed before {@code deadline} or not at all. */
    public List<TriggerResult> ingest(UUID serviceId, List<AlertEvent> events, Actor actor, Channel channel,
                                      Deadline deadline) {
        return ingest(serviceId, events, Optional.empty(), actor, channel, deadline);
    }

    private List<TriggerResult> ingest(UUID serviceId, List<AlertEvent> events, Optional<Urgency> urgency, Actor actor,
                                       Channel channel, Deadline deadline) {
        Objects.requireNonNull(channel, "channel");
        if (events.size() > MAX_BATCH) {
            throw ValidationException.of("alerts", "at most " + MAX_BATCH + " alerts per request, got " + events.size());
        }
        // Generated outside the transaction so that a retried transaction uses the same keys.
        List<String> keys = events.stream()
                .map(e -> e.dedupKey().orElseGet(() -> UUID.randomUUID().toString().replace("-", ""))).toList();
        List<AlertIngest.Applied> applied = tx.writeBefore("incident.ingest", deadline, db -> {
            Service service = ServiceRepository.load(db, serviceId)
                    .orElseThrow(() -> ValidationException.of("serviceId", "no such service"));
            Instant now = clock.instant();
            RoutedIngest routed = RoutedIngest.load(db, service, urgency);
            List<AlertIngest.Applied> out = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                out.add(routed.apply(db, events.get(i), keys.get(i), actor, channel, region, now));
            }
            return out;
        });
        // Counted after commit, so a retried transaction counts once; a counter, not a row: a storm's hot row.
        applied.stream().filter(a -> a.result().outcome() == TriggerResult.Outcome.DROPPED)
                .forEach(a -> meters.counter("oncall.alerts.dropped", "service", serviceId.toString(),
                        "rule", a.rule().orElse("")).increment());
        applied.stream().flatMap(a -> a.teamToWake().stream()).distinct().forEach(publisher::publish);
        if (applied.stream().anyMatch(a -> a.result().outcome() == TriggerResult.Outcome.CREATED)) {
            publisher.timersDue(region);
        }
        return applied.stream().map(AlertIngest.Applied::result).toList();
    }

    public CommandResult acknowledge(UUID incidentId, Actor actor, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        return finish(tx.write("incident.acknowledge",
                db -> Lifecycle.acknowledge(db, incidentId, actor, channel, clock.instant())));
    }

    public CommandResult resolve(UUID incidentId, Actor actor, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        return finish(tx.write("incident.resolve",
                db -> Lifecycle.resolve(db, incidentId, actor, channel, clock.instant())));
    }

    /** Pages the armed step now instead of waiting for its timer (an acknowledged incident is triggered again). */
    public CommandResult escalate(UUID incidentId, Actor actor, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        for (int attempt = 0; attempt < 3; attempt++) {
            record Snapshot(Incident incident, Optional<EscalationPolicy> policy) {}
            Optional<Snapshot> snapshot = tx.read("incident.escalate.load", db -> IncidentWrites.load(db, incidentId)
                    .map(i -> new Snapshot(i, new DatabasePagingConfiguration(db, onCall).policy(i.policyId(),
                            i.serviceId()))));
            if (snapshot.isEmpty()) {
                return CommandResult.refused("id", "no such incident");
            }
            Incident incident = snapshot.get().incident();
            if (snapshot.get().policy().isEmpty()) {
                return CommandResult.refused("id", "the incident's service has no escalation policy");
            }
            Optional<FireDecision> decision = Escalation.escalateNow(incident.escalationState(),
                    snapshot.get().policy().get());
            if (decision.isEmpty()) {
                return CommandResult.refused("id",
                        incident.status().transition(StatusCommand.ESCALATE) instanceof StatusTransition.Refused r
                                ? r.reason() : "the incident has been through its whole policy; reassign it instead");
            }
            Recipients.Pending targets = decision.get() instanceof FireDecision.NotifyStep n
                    ? Recipients.targetsOf(onCall, n.targets(), clock.instant())
                    : Recipients.Pending.team(incident.teamId());
            // A page by hand reads members and contact methods inside its transaction, unbounded:
            // someone is waiting for it, and an error is better than a page from an older copy.
            boolean applied = tx.write("incident.escalate", db -> Paging.apply(db, incident,
                    incident.escalationState(), decision.get(), Recipients.page(new DatabasePagingConfiguration(db,
                            onCall), targets, incident.urgency(), Optional.empty()), Optional.empty(), incident.homeRegion(),
                    actor, channel, List.of(NewEvent.of(IncidentEventKind.ESCALATED)
                            .with("fromStep", incident.currentStep()).with("loop", incident.loopCount())),
                    clock.instant()));
            if (applied) {
                publisher.publish(incident.teamId());
                return CommandResult.changed(tx.read("incident.load", db -> IncidentWrites.load(db, incidentId))
                        .orElseThrow());
            }
        }
        return CommandResult.refused("id", "the incident kept changing while it was escalated; try again");
    }

    /** Makes {@code userIds} the incident's assignees and pages each of them now. */
    public CommandResult reassign(UUID incidentId, List<UUID> userIds, Actor actor, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        Problems problems = new Problems();
        if (userIds == null || userIds.isEmpty()) {
            problems.add("userIds", "name at least one person");
        } else if (userIds.size() > MAX_REASSIGNEES) {
            problems.add("userIds", "at most " + MAX_REASSIGNEES + " people, got " + userIds.size());
        } else if (new HashSet<>(userIds).size() != userIds.size()) {
            problems.add("userIds", "names the same person twice");
        }
        if (!problems.isEmpty()) {
            return CommandResult.refused(problems.errors());
        }
        return guard(() -> finish(tx.write("incident.reassign", db -> {
            Incident incident = IncidentWrites.load(db, incidentId)
                    .orElseThrow(() -> ValidationException.of("id", "no such incident"));
            if (incident.status().transition(StatusCommand.REASSIGN) instanceof StatusTransition.Refused r) {
                throw ValidationException.of("id", r.reason());
            }
            List<UUID> known = db.sql("SELECT id FROM users WHERE id IN (:ids)").param("ids", userIds)
                    .query(UUID.class).list();
            Problems missing = new Problems();
            for (int i = 0; i < userIds.size(); i++) {
                missing.check(known.contains(userIds.get(i)), "userIds[" + i + "]", "no such user");
            }
            missing.throwIfAny();
            Instant now = clock.instant();
            LinkedHashSet<UUID> users = new LinkedHashSet<>(userIds);
            Map<UUID, List<Planned>> plans = Recipients.plans(new DatabasePagingConfiguration(db, onCall), users,
                    incident.urgency());
            int intentCount = plans.values().stream().mapToInt(List::size).sum();
            long last = IncidentWrites.reserveSeq(db, incidentId, 1 + intentCount, now);
            long first = last - intentCount;
            // Keyed by the reassignment's own event number: every reassignment pages afresh.
            List<IncidentWrites.Intent> intents = Recipients.intents(incidentId, "reassign:" + first,
                    incident.currentStep(), incident.loopCount(), plans, now);
            List<NewEvent> events = new ArrayList<>();
            events.add(NewEvent.of(IncidentEventKind.REASSIGNED).with("users", users)
                    .withIfAny("unreachable", Recipients.unreachable(plans)));
            intents.forEach(i -> events.add(NewEvent.of(IncidentEventKind.INTENT_CREATED).with("user", i.userId())
                    .with("contactMethod", i.contactMethodId()).with("channel", i.channel().code())
                    .with("notBefore", i.notBefore()).with("idempotencyKey", i.idempotencyKey())));
            IncidentWrites.insertIntents(db, incidentId, incident.homeRegion(), now, intents);
            IncidentWrites.replaceAssignees(db, incidentId, users, now);
            IncidentWrites.insertEvents(db, incidentId, incident.teamId(), last, actor, channel, now, events);
            return new Lifecycle.Result.Changed(incident);
        })));
    }

    public CommandResult addNote(UUID incidentId, String note, Actor actor, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        if (note == null || note.isBlank()) {
            return CommandResult.refused("note", "must not be blank");
        }
        if (note.length() > MAX_NOTE) {
            return CommandResult.refused("note", "must be at most " + MAX_NOTE + " characters, got " + note.length());
        }
        return guard(() -> finish(tx.write("incident.note", db -> {
            Incident incident = IncidentWrites.load(db, incidentId)
                    .orElseThrow(() -> ValidationException.of("id", "no such incident"));
            IncidentWrites.appendEvents(db, incidentId, actor, channel, clock.instant(),
                    List.of(NewEvent.of(IncidentEventKind.NOTE).with("note", note)));
            return new Lifecycle.Result.Changed(incident);
        })));
    }

    /** Refusals found inside a transaction roll it back and come out as field errors. */
    private static CommandResult guard(java.util.function.Supplier<CommandResult> work) {
        try {
            return work.get();
        } catch (ValidationException e) {
            return CommandResult.refused(e.errors());
        }
    }

    private CommandResult finish(Lifecycle.Result result) {
        return switch (result) {
            case Lifecycle.Result.Changed c -> {
                publisher.publish(c.incident().teamId());
                yield CommandResult.changed(tx.read("incident.load", db -> IncidentWrites.load(db, c.incident().id()))
                        .orElseThrow());
            }
            case Lifecycle.Result.Unchanged u -> CommandResult.unchanged(u.incident());
            case Lifecycle.Result.Refused r -> CommandResult.refused(r.field(), r.message());
        };
    }
}
