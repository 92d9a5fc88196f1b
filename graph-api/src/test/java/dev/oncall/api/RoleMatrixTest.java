package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.heartbeat.HeartbeatMonitor;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Invitation;
import dev.oncall.core.team.Role;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.AlertEvent;
import dev.oncall.store.incident.IncidentCommands;
import dev.oncall.store.schedule.CoverRequests;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.schedule.StoredSchedule;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.InvitationRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every mutation, tried by every role of the team that owns its target, by an admin of another
 * team and by an installation admin of no team: allowed exactly for the roles the rules name,
 * refused with a FORBIDDEN error (and no payload) for everyone else in the team; outside the
 * team (and for a person's contact details, to whoever may not read them), the target is answered
 * as an id that names nothing ("no such …"). Each try gets fresh
 * targets, so the order does not matter. The team roles are all plain installation users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest extends ApiTest {
    /**
     * The caller in a try: a role in the owning team, OTHER, an admin of a different team, or
     * INSTALLATION_ADMIN, an installation admin who is in no team.
     */
    enum Who { ADMIN, MANAGER, RESPONDER, OBSERVER, OTHER, INSTALLATION_ADMIN }

    /**
     * Who may: the least team role (nobody outside the team), everyone who is a person
     * (ANYONE), or installation admins only (INSTALLATION): what no team role grants.
     */
    enum Rule { ADMIN, MANAGER, RESPONDER, OBSERVER, ANYONE, INSTALLATION }

    /** Mutations naming a person's contact method or notification rule by id. */
    private static final Set<String> PERSONAL_BY_ID = Set.of("updateContactMethod", "deleteContactMethod",
            "deleteNotificationRule");

    record Case(String mutation, String selection, Rule rule, Function<Fixture, Map<String, Object>> input) {
        @Override
        public String toString() {
            return mutation;
        }
    }

    @Autowired TeamRepository teams;
    @Autowired UserRepository users;
    @Autowired ContactRepository contacts;
    @Autowired Schedules schedules;
    @Autowired Overrides overrides;
    @Autowired CoverRequests coverRequests;
    @Autowired PolicyRepository policies;
    @Autowired ServiceRepository services;
    @Autowired IncidentCommands incidents;
    @Autowired HeartbeatMonitorRepository monitors;

    @Autowired InvitationRepository invitations;

    private Crew crew;
    private Crew other;
    private Someone installationAdmin;

    @BeforeAll
    void crews() {
        crew = crew();
        other = crew();
        installationAdmin = someone(InstallationRole.ADMIN);
    }

    /** Fresh targets in the crew's team for one try by {@code person}. */
    final class Fixture {
        final UUID team = UUID.fromString(crew.teamId());
        /** The caller when a member of the crew's team, else null. */
        final UUID caller;
        /** The caller, whoever they are. */
        final UUID person;

        Fixture(UUID caller, UUID person) {
            this.caller = caller;
            this.person = person;
        }

        /** A person of no team. */
        User outsider() {
            String handle = unique("o");
            return users.create(handle, "Outsider", handle + "@example.com", "UTC");
        }

        /** A pending invitation of the crew's team to a person of no team. */
        Invitation invitation() {
            return invitations.invite(team, outsider().id(), Role.RESPONDER, UUID.fromString(crew.id("ADMIN")), START, "userId");
        }

        /** A pending invitation to the caller, from a new team of someone else. */
        Invitation invitationToCaller() {
            UUID inviter = outsider().id();
            UUID elsewhere = teams.createWithAdmin(unique("t"), "", inviter).id();
            return invitations.invite(elsewhere, person, Role.OBSERVER, inviter, START, "userId");
        }

        User member(Role role) {
            String handle = unique("m");
            return users.createInTeam(team, role, handle, "Member", handle + "@example.com", "UTC");
        }

        StoredSchedule schedule(UUID... participants) {
            List<UserRef> ids = Stream.of(participants).map(UserRef::of).toList();
            return schedules.create(team, unique("s"), "", "UTC", List.of(Layer.of("base",
                    LocalDateTime.parse("2026-03-02T00:00"), Rotation.weekly(1), ids)), List.of(), Optional.empty());
        }

        StoredSchedule schedule() {
            return schedule(UUID.fromString(crew.id("RESPONDER")));
        }

        EscalationPolicy policy() {
            return policies.create(team, unique("p"), "", 0, List.of(new EscalationStep(Duration.ofMinutes(5),
                    List.of(new StepTarget(TargetType.TEAM, team)))));
        }

        Service service() {
            return services.create(team, unique("svc"), "", policy().id(), Urgency.HIGH, Optional.empty());
        }

        /** A triggered incident of a new service of the team, as an alert opens it. */
        UUID incident() {
            return incidents.trigger(service().id(), AlertEvent.trigger(null, "disk full", "db-1", "critical", "{}"),
                    Actor.integration("test"), Channel.EVENTS_V2).incidentId().orElseThrow();
        }

        HeartbeatMonitor monitor() {
            return monitors.create(service().id(), "nightly", Duration.ofHours(1), START);
        }
    }

    private static final Instant SHIFT = Instant.parse("2026-03-03T10:00:00Z");

    List<Case> cases() {
        List<Case> c = new ArrayList<>();
        Map<String, Object> layer = Map.of("name", "extra", "start", "2026-03-02T09:00",
                "rotation", Map.of("type", "DAILY", "length", 1), "participants", List.of(crew.id("RESPONDER")));
        // Teams and members
        c.add(new Case("createTeam", "team { id }", Rule.INSTALLATION, f -> Map.of("name", unique("t"))));
        c.add(new Case("updateTeam", "team { id }", Rule.ADMIN, f -> Map.of("id", f.team, "name",
                teams.find(f.team).orElseThrow().name(), "description", "changed")));
        c.add(new Case("deleteTeam", "deletedId", Rule.ADMIN, f -> {
            UUID t = teams.createWithAdmin(unique("t"), "", UUID.fromString(crew.id("ADMIN"))).id();
            for (String role : List.of("MANAGER", "RESPONDER", "OBSERVER")) {
                teams.addMember(t, UUID.fromString(crew.id(role)), Role.valueOf(role));
            }
            return Map.of("id", t);
        }));
        c.add(new Case("addMember", "member { role }", Rule.INSTALLATION, f -> Map.of("teamId", f.team, "handle",
                f.outsider().handle(), "role", "OBSERVER")));
        c.add(new Case("setMemberRole", "member { role }", Rule.ADMIN, f -> Map.of("teamId", f.team,
                "userId", f.member(Role.OBSERVER).id(), "role", "RESPONDER")));
        c.add(new Case("removeMember", "deletedId", Rule.ADMIN, f -> Map.of("teamId", f.team,
                "userId", f.member(Role.OBSERVER).id())));
        // Invitations: team admins invite and cancel; each person answers their own
        c.add(new Case("inviteMember", "invitation { id }", Rule.ADMIN, f -> Map.of("teamId", f.team,
                "handle", f.outsider().handle(), "role", "RESPONDER")));
        c.add(new Case("cancelInvitation", "deletedId", Rule.ADMIN, f -> Map.of("id", f.invitation().id())));
        c.add(new Case("acceptInvitation", "member { role }", Rule.ANYONE, f -> Map.of("id",
                f.invitationToCaller().id())));
        c.add(new Case("declineInvitation", "deletedId", Rule.ANYONE, f -> Map.of("id",
                f.invitationToCaller().id())));
        c.add(new Case("setInstallationRole", "user { installationRole }", Rule.INSTALLATION, f -> Map.of(
                "userId", f.outsider().id(), "role", "ADMIN")));
        // People and how they are reached, of someone else in the team: no team role reaches them
        c.add(new Case("createUser", "user { id }", Rule.INSTALLATION, f -> Map.of("teamId", f.team, "role", "OBSERVER",
                "handle", unique("u"), "name", "U", "email", unique("u") + "@example.com", "timezone", "UTC")));
        c.add(new Case("updateUser", "user { id }", Rule.INSTALLATION, f -> {
            User u = f.member(Role.OBSERVER);
            return Map.of("id", u.id(), "handle", u.handle(), "name", "Renamed", "email", u.email(), "timezone", "UTC");
        }));
        c.add(new Case("deleteUser", "deletedId", Rule.INSTALLATION, f -> Map.of("id", f.member(Role.OBSERVER).id())));
        c.add(new Case("addContactMethod", "contactMethod { id }", Rule.INSTALLATION, f -> Map.of("userId",
                f.member(Role.RESPONDER).id(), "type", "EMAIL", "address", "x@example.com", "priority", 0)));
        c.add(new Case("updateContactMethod", "contactMethod { id }", Rule.INSTALLATION, f -> Map.of("id",
                contacts.addMethod(f.member(Role.RESPONDER).id(), ContactMethodType.EMAIL, "", "x@example.com", 0).id(),
                "address", "y@example.com", "priority", 1)));
        c.add(new Case("deleteContactMethod", "deletedId", Rule.INSTALLATION, f -> Map.of("id",
                contacts.addMethod(f.member(Role.RESPONDER).id(), ContactMethodType.EMAIL, "", "x@example.com", 0).id())));
        c.add(new Case("addNotificationRule", "notificationRule { id }", Rule.INSTALLATION, f -> {
            User u = f.member(Role.RESPONDER);
            var m = contacts.addMethod(u.id(), ContactMethodType.SMS, "", "+14155550100", 0);
            return Map.of("userId", u.id(), "contactMethodId", m.id(), "delaySeconds", 60, "urgency", "HIGH");
        }));
        c.add(new Case("deleteNotificationRule", "deletedId", Rule.INSTALLATION, f -> {
            User u = f.member(Role.RESPONDER);
            var m = contacts.addMethod(u.id(), ContactMethodType.SMS, "", "+14155550100", 0);
            return Map.of("id", contacts.addRule(u.id(), m.id(), Duration.ZERO, Urgency.HIGH).id());
        }));
        // ... and of oneself: every person, whatever their roles
        c.add(new Case("updateUser", "user { id }", Rule.ANYONE, f -> {
            User u = users.find(f.person).orElseThrow();
            return Map.of("id", u.id(), "handle", u.handle(), "name", "Renamed", "email", u.email(), "timezone", "UTC");
        }));
        c.add(new Case("addContactMethod", "contactMethod { id }", Rule.ANYONE, f -> Map.of("type", "EMAIL",
                "address", unique("me") + "@example.com", "priority", 0)));
        c.add(new Case("updateContactMethod", "contactMethod { id }", Rule.ANYONE, f -> Map.of("id",
                contacts.addMethod(f.person, ContactMethodType.EMAIL, "", unique("me") + "@example.com", 0).id(),
                "address", unique("me") + "@example.com", "priority", 1)));
        c.add(new Case("deleteContactMethod", "deletedId", Rule.ANYONE, f -> Map.of("id",
                contacts.addMethod(f.person, ContactMethodType.EMAIL, "", unique("me") + "@example.com", 0).id())));
        c.add(new Case("addNotificationRule", "notificationRule { id }", Rule.ANYONE, f -> Map.of("contactMethodId",
                contacts.addMethod(f.person, ContactMethodType.SMS, "", "+14155550199", 0).id(),
                "delaySeconds", 60, "urgency", "HIGH")));
        // Schedules
        c.add(new Case("createSchedule", "schedule { id }", Rule.MANAGER, f -> Map.of("teamId", f.team,
                "name", unique("s"), "timezone", "UTC")));
        c.add(new Case("updateSchedule", "schedule { id }", Rule.MANAGER, f -> {
            var s = f.schedule().info();
            return Map.of("id", s.id(), "version", s.version(), "name", s.name(), "timezone", "Europe/Paris");
        }));
        c.add(new Case("deleteSchedule", "deletedId", Rule.MANAGER, f -> Map.of("id", f.schedule().info().id())));
        c.add(new Case("addLayer", "layer { id }", Rule.MANAGER, f -> {
            var s = f.schedule().info();
            return Map.of("scheduleId", s.id(), "version", s.version(), "layer", layer);
        }));
        c.add(new Case("updateLayer", "layer { id }", Rule.MANAGER, f -> {
            var s = f.schedule();
            return Map.of("id", s.layers().get(0).id(), "version", s.info().version(), "layer", layer);
        }));
        c.add(new Case("deleteLayer", "deletedId", Rule.MANAGER, f -> {
            var s = f.schedule();
            return Map.of("id", s.layers().get(0).id(), "version", s.info().version());
        }));
        c.add(new Case("setLayers", "schedule { id }", Rule.MANAGER, f -> {
            var s = f.schedule().info();
            return Map.of("scheduleId", s.id(), "version", s.version(), "layers", List.of(layer));
        }));
        c.add(new Case("importSchedule", "schedule { id }", Rule.MANAGER, f -> Map.of("teamId", f.team,
                "name", unique("i"), "spec", "timezone: UTC\n")));
        // Overrides and cover: responders for themselves, managers for others
        c.add(new Case("createOverride", "override { id }", Rule.RESPONDER, f -> Map.of("scheduleId",
                f.schedule().info().id(), "start", SHIFT.toString(), "end", SHIFT.plusSeconds(3600).toString())));
        c.add(new Case("createOverride", "override { id }", Rule.MANAGER, f -> Map.of("scheduleId",
                f.schedule().info().id(), "userId", f.member(Role.RESPONDER).id(), "start", SHIFT.toString(),
                "end", SHIFT.plusSeconds(3600).toString())));
        c.add(new Case("deleteOverride", "deletedId", Rule.MANAGER, f -> {
            var s = f.schedule().info();
            return Map.of("id", overrides.create(s.id(), f.member(Role.RESPONDER).id(), SHIFT,
                    SHIFT.plusSeconds(3600), Optional.empty()).id());
        }));
        c.add(new Case("requestCoverage", "coverageRequest { id }", Rule.RESPONDER, f -> Map.of("scheduleId",
                (f.caller == null ? f.schedule() : f.schedule(f.caller)).info().id(), "start", SHIFT.toString(),
                "end", SHIFT.plusSeconds(3600).toString())));
        c.add(new Case("claimCoverage", "coverageRequest { id }", Rule.RESPONDER, f -> {
            User requester = f.member(Role.RESPONDER);
            var s = f.schedule(requester.id()).info();
            return Map.of("id", coverRequests.request(s.id(), requester.id(), SHIFT, SHIFT.plusSeconds(3600), "").id());
        }));
        c.add(new Case("cancelCoverage", "coverageRequest { id }", Rule.MANAGER, f -> {
            User requester = f.member(Role.RESPONDER);
            var s = f.schedule(requester.id()).info();
            return Map.of("id", coverRequests.request(s.id(), requester.id(), SHIFT, SHIFT.plusSeconds(3600), "").id());
        }));
        // Escalation policies and services
        Function<Fixture, List<Map<String, Object>>> steps = f -> List.of(Map.of("escalateAfterSeconds", 300,
                "targets", List.of(Map.of("type", "TEAM", "id", f.team))));
        c.add(new Case("createEscalationPolicy", "escalationPolicy { id }", Rule.MANAGER, f -> Map.of("teamId", f.team,
                "name", unique("p"), "steps", steps.apply(f))));
        c.add(new Case("updateEscalationPolicy", "escalationPolicy { id }", Rule.MANAGER, f -> {
            EscalationPolicy p = f.policy();
            return Map.of("id", p.id(), "version", p.version(), "name", p.name(), "steps", steps.apply(f));
        }));
        c.add(new Case("deleteEscalationPolicy", "deletedId", Rule.MANAGER, f -> Map.of("id", f.policy().id())));
        c.add(new Case("createService", "service { id }", Rule.MANAGER, f -> Map.of("teamId", f.team,
                "name", unique("svc"), "escalationPolicyId", f.policy().id())));
        c.add(new Case("updateService", "service { id }", Rule.MANAGER, f -> {
            Service s = f.service();
            return Map.of("id", s.id(), "name", s.name(), "escalationPolicyId", s.escalationPolicyId());
        }));
        c.add(new Case("deleteService", "deletedId", Rule.MANAGER, f -> Map.of("id", f.service().id())));
        c.add(new Case("setServiceMaintenance", "service { id }", Rule.MANAGER, f -> Map.of("id", f.service().id(),
                "until", "2026-03-04T00:00:00Z")));
        c.add(new Case("setServiceAlertGrouping", "service { id }", Rule.MANAGER, f -> Map.of("serviceId",
                f.service().id(), "mode", "CONTENT", "fields", List.of("labels.cluster"))));
        c.add(new Case("createIntegrationKey", "integrationKey { id }", Rule.MANAGER, f -> Map.of("serviceId",
                f.service().id(), "type", "EVENTS_V2", "name", "prometheus")));
        c.add(new Case("deleteIntegrationKey", "deletedId", Rule.MANAGER, f -> Map.of("id",
                services.createKey(f.service().id(), IntegrationType.ALERTMANAGER, "am").id())));
        // Incidents: responders and up of the incident's team handle them
        c.add(new Case("acknowledge", "changed", Rule.RESPONDER, f -> Map.of("incidentId", f.incident())));
        c.add(new Case("resolve", "changed", Rule.RESPONDER, f -> Map.of("incidentId", f.incident())));
        c.add(new Case("escalate", "changed", Rule.RESPONDER, f -> Map.of("incidentId", f.incident())));
        c.add(new Case("reassign", "changed", Rule.RESPONDER, f -> Map.of("incidentId", f.incident(),
                "userIds", List.of(crew.id("RESPONDER")))));
        c.add(new Case("addNote", "changed", Rule.RESPONDER, f -> Map.of("incidentId", f.incident(),
                "note", "on it")));
        c.add(new Case("triggerIncident", "outcome", Rule.RESPONDER, f -> Map.of("serviceId", f.service().id(),
                "summary", "checkout is down", "urgency", "LOW")));
        // Heartbeat monitors
        c.add(new Case("createHeartbeatMonitor", "heartbeatMonitor { id }", Rule.MANAGER, f -> Map.of("serviceId",
                f.service().id(), "name", "nightly", "intervalMinutes", 60)));
        c.add(new Case("updateHeartbeatMonitor", "heartbeatMonitor { id }", Rule.MANAGER, f -> Map.of("id",
                f.monitor().id(), "name", "hourly", "intervalMinutes", 90)));
        c.add(new Case("rotateHeartbeatMonitorKey", "heartbeatMonitor { id }", Rule.MANAGER, f -> Map.of("id",
                f.monitor().id())));
        c.add(new Case("deleteHeartbeatMonitor", "deletedId", Rule.MANAGER, f -> Map.of("id", f.monitor().id())));
        // Tokens and calendar feeds
        c.add(new Case("createApiToken", "token", Rule.ANYONE, f -> Map.of("name", "mine")));
        c.add(new Case("createApiToken", "token", Rule.ADMIN, f -> Map.of("name", "ci", "teamId", f.team,
                "role", "RESPONDER")));
        c.add(new Case("rotateWebhookSigningSecret", "secret", Rule.ADMIN, f -> Map.of("teamId", f.team)));
        c.add(new Case("createCalendarFeed", "url", Rule.OBSERVER, f -> Map.of("scheduleId",
                f.schedule().info().id(), "reminderMinutes", List.of(15))));
        return c;
    }

    Stream<Arguments> tries() {
        return cases().stream().flatMap(c -> Stream.of(Who.values()).map(who -> Arguments.of(c, who)));
    }

    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("tries")
    void eachRoleMayDoExactlyWhatItsRoleAllows(Case c, Who who) {
        String token = switch (who) {
            case OTHER -> other.token("ADMIN");
            case INSTALLATION_ADMIN -> installationAdmin.token();
            default -> crew.token(who.name());
        };
        UUID person = UUID.fromString(switch (who) {
            case OTHER -> other.id("ADMIN");
            case INSTALLATION_ADMIN -> installationAdmin.id();
            default -> crew.id(who.name());
        });
        boolean inTeam = who != Who.OTHER && who != Who.INSTALLATION_ADMIN;
        Map<String, Object> input = c.input().apply(new Fixture(inTeam ? person : null, person));

        JsonNode response = as(token).attempt(c.mutation(), c.selection(), input);

        boolean allowed = switch (c.rule()) {
            case ANYONE -> true;
            case INSTALLATION -> who == Who.INSTALLATION_ADMIN;
            case ADMIN, MANAGER, RESPONDER, OBSERVER ->
                    inTeam && Role.valueOf(who.name()).atLeast(Role.valueOf(c.rule().name()));
        };
        JsonNode payload = response.at("/data/" + c.mutation());
        if (allowed) {
            assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
            assertThat(payload.get("userErrors")).as(response.toString()).isEmpty();
        } else if (!unseen(c, who, inTeam)) {
            assertThat(response.at("/errors/0/extensions/classification").asString()).as(response.toString())
                    .isEqualTo("FORBIDDEN");
            assertThat(payload.isNull() || payload.isMissingNode()).as(response.toString()).isTrue();
        } else {
            // Outside the team its things are answered as ids naming nothing (isolation/TenantIsolationTest).
            assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
            assertThat(payload.get("userErrors")).as(response.toString())
                    .anySatisfy(e -> assertThat(e.get("message").asString()).startsWith("no such "));
            payload.properties().stream().filter(p -> !p.getKey().equals("userErrors"))
                    .forEach(p -> assertThat(p.getValue().isNull() || p.getValue().isBoolean()).as(response.toString())
                            .isTrue());
        }
    }

    /**
     * Whether the caller may not even know the target exists: a team's things outside the team,
     * a person's contact methods and rules for whoever may not read their contact details (below
     * manager in their team, or outside it; docs/api.md, "A person's own data").
     */
    private static boolean unseen(Case c, Who who, boolean inTeam) {
        if (c.rule() != Rule.INSTALLATION) {
            return !inTeam;
        }
        return PERSONAL_BY_ID.contains(c.mutation()) && who != Who.INSTALLATION_ADMIN
                && !(inTeam && Role.valueOf(who.name()).atLeast(Role.MANAGER));
    }
}
