package dev.oncall.store.incident;

import dev.oncall.core.escalation.TimerKind;
import dev.oncall.core.grouping.GroupKey;
import dev.oncall.core.grouping.GroupKeys;
import dev.oncall.core.incident.AlertAction;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.Dedup;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.incident.Priority;
import dev.oncall.core.incident.StatusCommand;
import dev.oncall.core.service.Service;
import dev.oncall.core.user.Urgency;
import dev.oncall.platform.db.Rows;
import dev.oncall.store.grouping.GroupingSettingsRepository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * One alert event inside the caller's transaction. A trigger is a single
 * {@code INSERT ... ON CONFLICT} on the partial unique index of open alerts, so two senders
 * racing with the same dedup key end with one alert counted twice, never two alerts. A new alert
 * of a service that groups alerts then takes its group the same way ({@link AlertGroups}): it
 * opens the group's incident, or joins the one open.
 */
final class AlertIngest {
    private AlertIngest() {}

    /** What happened, the team to wake if events were appended, and the routing rule that decided (if one did). */
    record Applied(TriggerResult result, Optional<UUID> teamToWake, Optional<String> rule) {
        Applied(TriggerResult result, Optional<UUID> teamToWake) {
            this(result, teamToWake, Optional.empty());
        }
    }

    /**
     * Where and how a trigger is recorded: on {@code service} (the receiving one, or the one a
     * routing rule sent it to, then {@code receivedBy} names the receiving one), opening an
     * incident of this urgency and priority unless suppressed.
     */
    record Route(Service service, Optional<UUID> receivedBy, Urgency urgency, Optional<Priority> priority,
                 boolean suppress, Optional<String> rule) {
        static Route direct(Service service, Urgency urgency) {
            return new Route(service, Optional.empty(), urgency, Optional.empty(), false, Optional.empty());
        }
    }

    /** @param urgency of a new incident; the service's default urgency when empty */
    static Applied apply(JdbcClient db, Service service, AlertEvent event, String dedupKey, Optional<Urgency> urgency,
                         Actor actor, Channel channel, String region, Instant now) {
        if (event.action() == AlertAction.TRIGGER) {
            return trigger(db, Route.direct(service, urgency.orElse(service.defaultUrgency())), event, dedupKey, actor,
                    channel, region, now);
        }
        // The open alerts with this key: the service's own, and those its rules routed elsewhere
        // (acknowledge and resolve arrive where the trigger did, and follow the alert).
        List<Open> open = db.sql("""
                        SELECT id, service_id, incident_id, status FROM alerts
                        WHERE dedup_key = :key AND status <> 'resolved'
                          AND (service_id = :service OR received_service_id = :service)
                        ORDER BY CASE WHEN service_id = :service THEN 0 ELSE 1 END""")
                .param("service", service.id()).param("key", dedupKey)
                .query((rs, n) -> new Open(Rows.uuid(rs, "id"), Rows.uuid(rs, "service_id"),
                        Optional.ofNullable(Rows.uuid(rs, "incident_id")),
                        IncidentStatus.parse(rs.getString("status")).orElseThrow()))
                .list();
        if (open.isEmpty()) {
            return follow(db, Optional.empty(), event, dedupKey, actor, channel, now);
        }
        List<Applied> done = new ArrayList<>();
        for (Open alert : open) {
            done.add(follow(db, Optional.of(alert), event, dedupKey, actor, channel, now));
        }
        return done.stream().filter(a -> a.result().outcome() != TriggerResult.Outcome.IGNORED).findFirst()
                .orElse(done.getFirst());
    }

    /** An open alert with the event's key, on the service that recorded it (the receiving one, or a rule's target). */
    private record Open(UUID id, UUID serviceId, Optional<UUID> incident, IncidentStatus status) {}

    /** An acknowledge or resolve applied to one open alert (or to none). */
    private static Applied follow(JdbcClient db, Optional<Open> open, AlertEvent event, String dedupKey, Actor actor,
                                  Channel channel, Instant now) {
        Dedup.Outcome outcome = Dedup.decide(event.action(), open.map(Open::status));
        if (outcome == Dedup.Outcome.IGNORE) {
            return new Applied(new TriggerResult(TriggerResult.Outcome.IGNORED, open.map(Open::id),
                    open.flatMap(Open::incident), dedupKey), Optional.empty());
        }
        Open alert = open.orElseThrow();
        if (outcome == Dedup.Outcome.RESOLVE && alert.incident().isPresent()) {
            return resolveOne(db, alert.serviceId(), alert.id(), alert.incident().get(), dedupKey, actor, channel, now);
        }
        StatusCommand command = outcome == Dedup.Outcome.ACKNOWLEDGE ? StatusCommand.ACKNOWLEDGE : StatusCommand.RESOLVE;
        Lifecycle.Result changed = null;
        if (command == StatusCommand.ACKNOWLEDGE && alert.incident().isPresent()) {
            changed = Lifecycle.acknowledge(db, alert.incident().get(), actor, channel, now);
        }
        // The alert follows its incident; an alert recorded in maintenance has none and changes alone.
        StatusChanges.alertFollows(db, alert.id(), command, now);
        TriggerResult.Outcome done = outcome == Dedup.Outcome.ACKNOWLEDGE
                ? TriggerResult.Outcome.ACKNOWLEDGED : TriggerResult.Outcome.RESOLVED;
        Optional<UUID> wake = changed instanceof Lifecycle.Result.Changed c
                ? Optional.of(c.incident().teamId()) : Optional.empty();
        return new Applied(new TriggerResult(done, Optional.of(alert.id()), alert.incident(), dedupKey), wake);
    }

    /**
     * The monitoring tool resolved one alert of an incident: the alert resolves; the incident
     * resolves with it when it was the incident's last open alert and the service resolves
     * incidents with their last alert. Otherwise the incident stays as it is and its log says
     * which alert resolved (that append also writes the incident's row, so two last alerts
     * resolving at once conflict, and the retried one sees it is the last).
     */
    private static Applied resolveOne(JdbcClient db, UUID serviceId, UUID alertId, UUID incidentId, String dedupKey,
                                      Actor actor, Channel channel, Instant now) {
        StatusChanges.alertFollows(db, alertId, StatusCommand.RESOLVE, now);
        int open = db.sql("SELECT count(*) FROM alerts WHERE incident_id = :incident AND status <> 'resolved'")
                .param("incident", incidentId).query(Integer.class).single();
        TriggerResult result = new TriggerResult(TriggerResult.Outcome.RESOLVED, Optional.of(alertId),
                Optional.of(incidentId), dedupKey);
        if (open == 0 && GroupingSettingsRepository.load(db, serviceId).resolveWithLastAlert()) {
            Lifecycle.Result changed = Lifecycle.resolve(db, incidentId, actor, channel, now);
            return new Applied(result, changed instanceof Lifecycle.Result.Changed c
                    ? Optional.of(c.incident().teamId()) : Optional.empty());
        }
        if (IncidentWrites.load(db, incidentId).filter(i -> i.status() != IncidentStatus.RESOLVED).isEmpty()) {
            return new Applied(result, Optional.empty());
        }
        UUID team = IncidentWrites.appendEvents(db, incidentId, actor, channel, now, List.of(
                NewEvent.of(IncidentEventKind.ALERT_RESOLVED).with("alert", alertId).with("dedupKey", dedupKey)
                        .with("open", open)));
        return new Applied(result, Optional.of(team));
    }

    static Applied trigger(JdbcClient db, Route route, AlertEvent event, String dedupKey, Actor actor, Channel channel,
                           String region, Instant now) {
        Service service = route.service();
        record Row(UUID id, Optional<UUID> incident, int count) {}
        // A new alert names its incident-to-be in the same statement (no second write to the
        // alert); during maintenance it opens none.
        boolean paging = !route.suppress() && !service.inMaintenanceAt(now);
        UUID newIncident = UUID.randomUUID();
        Row alert = db.sql("""
                        INSERT INTO alerts (service_id, dedup_key, status, summary, source, severity, payload,
                                            event_count, incident_id, home_region, first_seen_at, last_seen_at,
                                            received_service_id)
                        VALUES (:service, :key, 'triggered', :summary, :source, :severity, CAST(:payload AS JSONB),
                                1, CAST(:incident AS UUID), :region, :now, :now, CAST(:received AS UUID))
                        ON CONFLICT (service_id, dedup_key) WHERE status <> 'resolved'
                        DO UPDATE SET event_count = alerts.event_count + 1, last_seen_at = excluded.last_seen_at,
                                      summary = excluded.summary, source = excluded.source,
                                      severity = excluded.severity, payload = excluded.payload
                        RETURNING id, incident_id, event_count""")
                .param("service", service.id()).param("key", dedupKey).param("summary", event.summary())
                .param("source", event.source()).param("severity", event.severity()).param("payload", event.payload())
                .param("incident", paging ? newIncident.toString() : null)
                .param("received", route.receivedBy().map(UUID::toString).orElse(null))
                .param("region", region).param("now", Rows.param(now))
                .query((rs, n) -> new Row(Rows.uuid(rs, "id"), Optional.ofNullable(Rows.uuid(rs, "incident_id")),
                        rs.getInt("event_count")))
                .single();
        boolean created = alert.count() == 1 && alert.incident().isPresent();
        if (alert.incident().isPresent() && !created) {
            UUID team = IncidentWrites.appendEvents(db, alert.incident().get(), actor, channel, now, List.of(
                    NewEvent.of(IncidentEventKind.DEDUPLICATED).with("alert", alert.id()).with("count", alert.count())
                            .with("summary", event.summary())));
            return new Applied(new TriggerResult(TriggerResult.Outcome.DEDUPLICATED, Optional.of(alert.id()),
                    alert.incident(), dedupKey), Optional.of(team));
        }
        if (!paging) {
            return new Applied(new TriggerResult(TriggerResult.Outcome.SUPPRESSED, Optional.of(alert.id()),
                    Optional.empty(), dedupKey), Optional.empty());
        }
        // New, or recorded during a maintenance that has ended since: this is the moment to page,
        // unless the alert's group already has an open incident.
        UUID incident = alert.incident().orElse(newIncident);
        Optional<GroupKey> group = GroupKeys.of(GroupingSettingsRepository.load(db, service.id()).grouping(),
                event.fields(), now);
        if (group.isPresent()) {
            AlertGroups.Group taken = AlertGroups.take(db, service.id(), group.get(), incident, region, now);
            if (!taken.openedWith(incident)) {
                return join(db, taken, alert.id(), event, dedupKey, group.get(), actor, channel, now);
            }
        }
        // The incident, its first event and the timer that pages step 0 now, in one round trip.
        NewEvent triggered = NewEvent.of(IncidentEventKind.TRIGGERED).with("alert", alert.id())
                .with("dedupKey", dedupKey).with("summary", event.summary()).with("severity", event.severity())
                .withIfAny("rule", route.rule().stream().toList())
                .withIfAny("routedFrom", route.receivedBy().stream().toList());
        db.sql("""
                        WITH opened AS (
                            INSERT INTO incidents (id, alert_id, service_id, team_id, policy_id, title, status, urgency,
                                                   current_step, loop_count, home_region, event_seq, created_at,
                                                   updated_at, priority)
                            VALUES (:id, :alert, :service, :team, :policy, :title, 'triggered', :urgency, 0, 0, :region,
                                    1, :now, :now, :priority)
                            RETURNING id, team_id),
                        logged AS (
                            INSERT INTO incident_events (incident_id, team_id, seq, kind, actor_type, actor_id, channel,
                                                         data, created_at)
                            SELECT id, team_id, 1, :kind, :actorType, :actorId, :channel, CAST(:data AS JSONB), :now
                            FROM opened)
                        INSERT INTO escalation_timers (incident_id, kind, step, loop_count, due_at, region, created_at)
                        SELECT id, :timerKind, 0, 0, :now, :region, :now FROM opened""")
                .param("timerKind", TimerKind.STEP.code())
                .param("id", incident).param("alert", alert.id()).param("service", service.id()).param("team", service.teamId())
                .param("policy", service.escalationPolicyId()).param("title", event.summary())
                .param("urgency", route.urgency().code()).param("region", region)
                .param("priority", route.priority().map(Priority::level).orElse(null), java.sql.Types.SMALLINT)
                .param("kind", triggered.kind().code()).param("actorType", actor.type().code()).param("actorId", actor.id())
                .param("channel", channel.code()).param("data", triggered.data().toString())
                .param("now", Rows.param(now)).update();
        if (!created) {
            db.sql("UPDATE alerts SET incident_id = :incident WHERE id = :id").param("incident", incident)
                    .param("id", alert.id()).update();
        }
        return new Applied(new TriggerResult(TriggerResult.Outcome.CREATED, Optional.of(alert.id()),
                Optional.of(incident), dedupKey), Optional.of(service.teamId()));
    }

    /** A new alert joins the open incident of its group: counted and logged there, nobody paged again. */
    private static Applied join(JdbcClient db, AlertGroups.Group group, UUID alertId, AlertEvent event, String dedupKey,
                                GroupKey key, Actor actor, Channel channel, Instant now) {
        db.sql("UPDATE alerts SET incident_id = :incident WHERE id = :id").param("incident", group.incident())
                .param("id", alertId).update();
        NewEvent joined = NewEvent.of(IncidentEventKind.ALERT_JOINED).with("alert", alertId).with("dedupKey", dedupKey)
                .with("summary", event.summary()).with("severity", event.severity())
                .with("count", group.alertCount());
        if (!key.shown().isEmpty()) {
            joined.with("group", key.shown());
        }
        UUID team = IncidentWrites.appendEvents(db, group.incident(), actor, channel, now, List.of(joined));
        return new Applied(new TriggerResult(TriggerResult.Outcome.GROUPED, Optional.of(alertId),
                Optional.of(group.incident()), dedupKey), Optional.of(team));
    }
}
