package dev.oncall.store.notify;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.platform.db.Rows;
import dev.oncall.store.testing.StoreFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A team, a service and people with contact methods, plus incidents and notification intents
 * written the way the escalation engine writes them: what notification tests start from.
 */
public final class NotifyFixture {
    private static final AtomicInteger names = new AtomicInteger();
    public final StoreFixture store;
    public final String region;
    public final User owner;
    public final Team team;
    public final Service service;

    public NotifyFixture(StoreFixture store, String region) {
        this.store = store;
        this.region = region;
        this.owner = person("owner");
        this.team = store.teams.createWithAdmin("team-" + names.incrementAndGet(), "", owner.id());
        EscalationPolicy policy = store.policies.create(team.id(), "policy", "", 0, List.of(
                new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.USER, owner.id())))));
        this.service = store.services.create(team.id(), "checkout", "", policy.id(), Urgency.HIGH, Optional.empty());
    }

    /** A new person, member of the fixture's team once it exists. */
    public User person(String handle) {
        String unique = handle + "-" + names.incrementAndGet();
        User user = store.users.create(unique, "Person " + unique, unique + "@example.com", "Europe/London");
        if (team != null) {
            store.teams.addMember(team.id(), user.id(), Role.RESPONDER);
        }
        return user;
    }

    /** A verified contact method, as the person would have after verifying it: what paging uses. */
    public ContactMethod method(User user, ContactMethodType type, String address, int priority) {
        ContactMethod added = unverifiedMethod(user, type, address, priority);
        return store.contacts.seedVerified(added.id(), Instant.EPOCH);
    }

    /** A contact method as typed in, before anyone proved the address: never paged. */
    public ContactMethod unverifiedMethod(User user, ContactMethodType type, String address, int priority) {
        return store.contacts.addMethod(user.id(), type, type.code(), address, priority);
    }

    /** A triggered incident of the fixture's service, homed in the fixture's region. */
    public UUID incident(String title, Instant at) {
        UUID alert = store.jdbc.sql("""
                        INSERT INTO alerts (service_id, dedup_key, summary, home_region, first_seen_at, last_seen_at)
                        VALUES (:service, :key, :title, :region, :at, :at) RETURNING id""")
                .param("service", service.id()).param("key", UUID.randomUUID().toString()).param("title", title)
                .param("region", region).param("at", Rows.param(at)).query(UUID.class).single();
        UUID incident = store.jdbc.sql("""
                        INSERT INTO incidents (alert_id, service_id, team_id, policy_id, title, status, urgency,
                                               home_region, created_at, updated_at)
                        VALUES (:alert, :service, :team, :policy, :title, 'triggered', 'high', :region, :at, :at)
                        RETURNING id""")
                .param("alert", alert).param("service", service.id()).param("team", team.id())
                .param("policy", service.escalationPolicyId()).param("title", title).param("region", region)
                .param("at", Rows.param(at)).query(UUID.class).single();
        store.jdbc.sql("UPDATE alerts SET incident_id = :i WHERE id = :a").param("i", incident).param("a", alert).update();
        return incident;
    }

    /** An intent as the escalation engine writes it (step 0, loop 0). */
    public UUID intent(UUID incident, ContactMethod method, Instant notBefore) {
        return intent(incident, method, notBefore, 0);
    }

    public UUID intent(UUID incident, ContactMethod method, Instant notBefore, int step) {
        String key = incident + ":0:" + step + ":" + method.userId() + ":" + method.id();
        return store.jdbc.sql("""
                        INSERT INTO notification_attempts (idempotency_key, incident_id, user_id, contact_method_id, step,
                                                           loop_count, channel, region, not_before, created_at, updated_at)
                        VALUES (:key, :incident, :user, :method, :step, 0, :channel, :region, :at, :at, :at) RETURNING id""")
                .param("key", key).param("incident", incident).param("user", method.userId()).param("method", method.id())
                .param("step", step).param("channel", method.type().code()).param("region", region)
                .param("at", Rows.param(notBefore)).query(UUID.class).single();
    }

    public void setStatus(UUID incident, String status) {
        store.jdbc.sql("UPDATE incidents SET status = :s WHERE id = :i").param("s", status).param("i", incident).update();
    }

    public Map<String, Object> attempt(UUID intent) {
        return store.jdbc.sql("SELECT * FROM notification_attempts WHERE id = :id").param("id", intent).query().singleRow();
    }

    public String state(UUID intent) {
        return (String) attempt(intent).get("state");
    }

    public Instant notBefore(UUID intent) {
        return store.jdbc.sql("SELECT not_before FROM notification_attempts WHERE id = :id").param("id", intent)
                .query((rs, n) -> Rows.instant(rs, "not_before")).single();
    }

    /** The incident's events as "kind channel" strings, in order. */
    public List<String> events(UUID incident) {
        return store.jdbc.sql("SELECT kind, channel FROM incident_events WHERE incident_id = :i ORDER BY seq")
                .param("i", incident).query((rs, n) -> rs.getString("kind") + " " + rs.getString("channel")).list();
    }

    /** The {@code data} of the incident's events of one kind, as compact JSON text ({@code "a":1,"b":2}), in order. */
    public List<String> eventData(UUID incident, String kind) {
        return store.jdbc.sql("SELECT CAST(data AS TEXT) FROM incident_events WHERE incident_id = :i AND kind = :k ORDER BY seq")
                .param("i", incident).param("k", kind).query(String.class).list().stream()
                .map(json -> json.replace("\": ", "\":").replace(", \"", ",\"")).toList();
    }
}
