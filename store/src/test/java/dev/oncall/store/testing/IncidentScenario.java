package dev.oncall.store.testing;

import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.service.IntegrationKey;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.team.Role;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.Urgency;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A team ready to be paged: three responders, each with push (at once) and SMS (a minute later)
 * for high urgency; a schedule on which the first is on call (an override covering all time);
 * a three-step policy (the schedule, then the second person, then the third, each after
 * {@code stepWait}); a service on it with an Events v2 and an Alertmanager key.
 */
public final class IncidentScenario {
    public final UUID team;
    public final List<UUID> users = new ArrayList<>();
    public final List<ContactMethod> methods = new ArrayList<>();
    public final UUID schedule;
    public final UUID policy;
    public final UUID service;
    public final IntegrationKey eventsKey;
    public final IntegrationKey alertmanagerKey;

    public record Repositories(TeamRepository teams, UserRepository users, ContactRepository contacts,
                               Schedules schedules, Overrides overrides, PolicyRepository policies, ServiceRepository services) {
        public static Repositories of(StoreFixture f) {
            return new Repositories(f.teams, f.users, f.contacts, f.schedules, f.overrides, f.policies, f.services);
        }
    }

    public IncidentScenario(Repositories repos, int repeat, Duration stepWait, Optional<Duration> ackTimeout) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        team = repos.teams().create("team-" + tag, "").id();
        for (int i = 0; i < 3; i++) {
            UUID user = repos.users().create("u" + i + "-" + tag, "User " + i, "u" + i + "-" + tag + "@example.com",
                    "Europe/London").id();
            repos.teams().addMember(team, user, Role.RESPONDER);
            // Verified, as people's methods are once they set them up: only those are paged.
            ContactMethod push = repos.contacts().seedVerified(repos.contacts().addMethod(user, ContactMethodType.PUSH,
                    "phone", "push-" + tag + i, 0).id(), Instant.EPOCH);
            ContactMethod sms = repos.contacts().seedVerified(repos.contacts().addMethod(user, ContactMethodType.SMS,
                    "phone", "+4477009000" + String.format("%02d", i), 1).id(), Instant.EPOCH);
            repos.contacts().addRule(user, push.id(), Duration.ZERO, Urgency.HIGH);
            repos.contacts().addRule(user, sms.id(), Duration.ofMinutes(1), Urgency.HIGH);
            users.add(user);
            methods.add(push);
            methods.add(sms);
        }
        schedule = repos.schedules().create(team, "primary", "", "Europe/London").id();
        repos.overrides().create(schedule, users.get(0), Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2100-01-01T00:00:00Z"), Optional.empty());
        policy = repos.policies().create(team, "default", "", repeat, List.of(
                new EscalationStep(stepWait, List.of(new StepTarget(TargetType.SCHEDULE, schedule))),
                new EscalationStep(stepWait, List.of(new StepTarget(TargetType.USER, users.get(1)))),
                new EscalationStep(stepWait, List.of(new StepTarget(TargetType.USER, users.get(2)))))).id();
        service = repos.services().create(team, "api", "", policy, Urgency.HIGH, ackTimeout).id();
        eventsKey = repos.services().createKey(service, IntegrationType.EVENTS_V2, "events");
        alertmanagerKey = repos.services().createKey(service, IntegrationType.ALERTMANAGER, "prometheus");
    }

    public static IncidentScenario create(StoreFixture store) {
        return new IncidentScenario(Repositories.of(store), 0, Duration.ofMinutes(5), Optional.empty());
    }
}
