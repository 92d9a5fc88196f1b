package dev.oncall.api.demo;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.ScheduleRepository;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A demo team for the local run, created once (a second start finds it and changes nothing):
 * two people on a weekly rotation, a two-step policy and a service with an Events API key.
 */
@Component
@ConditionalOnProperty(name = "oncall.demo.enabled", havingValue = "true")
class DemoData {
    static final String TEAM = "Demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final ZoneId ZONE = ZoneId.of("Europe/London");

    private final Clock clock;
    private final TeamRepository teams;
    private final UserRepository users;
    private final ContactRepository contacts;
    private final ScheduleRepository schedules;
    private final PolicyRepository policies;
    private final ServiceRepository services;

    DemoData(Clock clock, TeamRepository teams, UserRepository users, ContactRepository contacts,
             ScheduleRepository schedules, PolicyRepository policies, ServiceRepository services) {
        this.clock = clock;
        this.teams = teams;
        this.users = users;
        this.contacts = contacts;
        this.schedules = schedules;
        this.policies = policies;
        this.services = services;
    }

    // First among the ready listeners: the local run's token printer (bootstrap) looks for this team.
    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    void seed() {
        if (teams.list(Optional.empty(), 100).items().stream().anyMatch(t -> t.name().equals(TEAM))) {
            log.info("demo team already present; leaving the data as it is");
            return;
        }
        User alice = users.create("alice", "Alice Demo", "alice@example.com", "Europe/London");
        User bob = users.create("bob", "Bob Demo", "bob@example.com", "America/New_York");
        Team team = teams.createWithAdmin(TEAM, "Created by the local run", alice.id());
        teams.addMember(team.id(), bob.id(), Role.RESPONDER);
        for (User u : List.of(alice, bob)) {
            var email = contacts.addMethod(u.id(), ContactMethodType.EMAIL, "email", u.email(), 0);
            contacts.addRule(u.id(), email.id(), Duration.ZERO, Urgency.HIGH);
            contacts.addRule(u.id(), email.id(), Duration.ZERO, Urgency.LOW);
        }
        LocalDate monday = clock.instant().atZone(ZONE).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        ScheduleInfo schedule = schedules.create(team.id(), "Primary", "Weekly, handoff Monday 09:00 London", ZONE.getId());
        schedules.replaceLayers(schedule.id(), schedule.version(), List.of(Layer.of("weekly",
                monday.atTime(LocalTime.of(9, 0)), Rotation.weekly(1),
                List.of(alice.id().toString(), bob.id().toString()))));
        EscalationPolicy policy = policies.create(team.id(), "Default", "On-call first, then the whole team", 1,
                List.of(new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.SCHEDULE, schedule.id()))),
                        new EscalationStep(Duration.ofMinutes(10), List.of(new StepTarget(TargetType.TEAM, team.id())))));
        var service = services.create(team.id(), "Demo service", "Send test alerts here", policy.id(), Urgency.HIGH,
                Optional.empty());
        services.createKey(service.id(), IntegrationType.EVENTS_V2, "demo");
        services.createKey(service.id(), IntegrationType.ALERTMANAGER, "demo-alertmanager");
        log.info("demo team created: alice and bob on a weekly rotation, policy Default, service Demo service");
    }
}
