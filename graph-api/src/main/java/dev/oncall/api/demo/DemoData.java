package dev.oncall.api.demo;

import dev.oncall.api.auth.ApiTokenRepository;
import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.demo.DemoNames;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.Layers;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.schedule.Schedules;
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
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A demo team for the local run, created once: two people on a weekly rotation, a two-step
 * policy, a service with an Events API key, and a self-monitoring service the local run's
 * auditor pages. A later start changes nothing but what an older version did not create (the
 * self-monitoring service) or did not verify (the seeded emails), and the admin's token when one is given.
 */
@Component
@ConditionalOnProperty(name = "oncall.demo.enabled", havingValue = "true")
class DemoData {
    /** The name of the demo admin's token, replaced at every start. */
    static final String ADMIN_TOKEN_NAME = "local demo";
    private static final String POLICY = "Default";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final ZoneId ZONE = ZoneId.of("Europe/London");
    /** The people the demo makes; only their seeded methods are ever marked verified without a code. */
    private static final Set<String> SEEDED = Set.of("alice", "bob");

    private final Clock clock;
    private final DemoProperties properties;
    private final TeamRepository teams;
    private final UserRepository users;
    private final ContactRepository contacts;
    private final Schedules schedules;
    private final Layers layers;
    private final PolicyRepository policies;
    private final ServiceRepository services;
    private final ApiTokenRepository tokens;

    DemoData(Clock clock, DemoProperties properties, TeamRepository teams, UserRepository users,
             ContactRepository contacts, Schedules schedules, Layers layers, PolicyRepository policies,
             ServiceRepository services, ApiTokenRepository tokens) {
        this.clock = clock;
        this.properties = properties;
        this.teams = teams;
        this.users = users;
        this.contacts = contacts;
        this.schedules = schedules;
        this.layers = layers;
        this.policies = policies;
        this.services = services;
        this.tokens = tokens;
    }

    // A ready listener, so it has run when the readiness probe first answers UP: the local run
    // reads the integration keys and uses the token right after.
    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        // Checked before anything is written: a bad token must not leave a half-made demo behind.
        Optional<String> token = properties.adminToken().isBlank() ? Optional.empty()
                : Optional.of(ApiTokenRepository.requireChosen("oncall.demo.admin-token", properties.adminToken()));
        Optional<Team> present = teams.list(Optional.empty(), 100).items().stream()
                .filter(t -> t.name().equals(DemoNames.TEAM)).findFirst();
        Team team;
        if (present.isPresent()) {
            team = present.get();
            log.info("demo team already present; keeping its people, schedule, policy and services");
        } else {
            team = createTeam();
        }
        ensureSelfMonitoring(team);
        ensureSeedsVerified(team);
        token.ifPresent(t -> giveAdminToken(team, t));
    }

    /**
     * Data seeded by a version before contact methods were verified has alice's and bob's email
     * unverified, and they would no longer be paged: their seeded email (the one at their own
     * address) is marked verified, as a fresh demo's is. Nothing a user added is touched.
     */
    private void ensureSeedsVerified(Team team) {
        for (Member m : teams.members(team.id())) {
            Optional<User> user = users.find(m.userId()).filter(u -> SEEDED.contains(u.handle()));
            user.ifPresent(u -> contacts.methodsOf(u.id()).stream()
                    .filter(c -> c.type() == ContactMethodType.EMAIL && c.address().equals(u.email()) && !c.verified())
                    .forEach(c -> {
                        contacts.seedVerified(c.id(), clock.instant());
                        log.info("demo team: {}'s seeded email marked verified", u.handle());
                    }));
        }
    }

    private Team createTeam() {
        User alice = users.create("alice", "Alice Demo", "alice@example.com", "Europe/London");
        User bob = users.create("bob", "Bob Demo", "bob@example.com", "America/New_York");
        Team team = teams.createWithAdmin(DemoNames.TEAM, "Created by the local run", alice.id());
        raise(alice.id());
        teams.addMember(team.id(), bob.id(), Role.RESPONDER);
        for (User u : List.of(alice, bob)) {
            var email = contacts.addMethod(u.id(), ContactMethodType.EMAIL, "email", u.email(), 0);
            // Seeded, not typed in by a user: verified from the start, so the demo pages visibly (into
            // the worker's log, where a verification code would never appear). Users verify theirs.
            contacts.seedVerified(email.id(), clock.instant());
            contacts.addRule(u.id(), email.id(), Duration.ZERO, Urgency.HIGH);
            contacts.addRule(u.id(), email.id(), Duration.ZERO, Urgency.LOW);
        }
        LocalDate monday = clock.instant().atZone(ZONE).toLocalDate()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        ScheduleInfo schedule = schedules.create(team.id(), "Primary", "Weekly, handoff Monday 09:00 London", ZONE.getId());
        layers.replaceAll(schedule.id(), schedule.version(), List.of(Layer.of("weekly",
                monday.atTime(LocalTime.of(9, 0)), Rotation.weekly(1),
                List.of(UserRef.of(alice.id()), UserRef.of(bob.id())))));
        EscalationPolicy policy = policies.create(team.id(), POLICY, "On-call first, then the whole team", 1,
                List.of(new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.SCHEDULE, schedule.id()))),
                        new EscalationStep(Duration.ofMinutes(10), List.of(new StepTarget(TargetType.TEAM, team.id())))));
        var service = services.create(team.id(), DemoNames.SERVICE, "Send test alerts here", policy.id(), Urgency.HIGH,
                Optional.empty());
        services.createKey(service.id(), IntegrationType.EVENTS_V2, "demo");
        services.createKey(service.id(), IntegrationType.ALERTMANAGER, "demo-alertmanager");
        log.info("demo team created: alice and bob on a weekly rotation, policy {}, service {}", POLICY, DemoNames.SERVICE);
        return team;
    }

    /**
     * The service the local run's auditor pages through the Events API, so a mismatch it finds
     * pages the demo team like any alert. Also made on data of an older version that lacked it.
     */
    private void ensureSelfMonitoring(Team team) {
        Optional<Service> existing = services.listByTeam(team.id()).stream()
                .filter(s -> s.name().equals(DemoNames.SELF_MONITORING_SERVICE)).findFirst();
        Service service;
        if (existing.isPresent()) {
            service = existing.get();
        } else {
            List<EscalationPolicy> teamPolicies = policies.listByTeam(team.id());
            Optional<EscalationPolicy> policy = teamPolicies.stream().filter(p -> p.name().equals(POLICY)).findFirst()
                    .or(() -> teamPolicies.stream().findFirst());
            if (policy.isEmpty()) {
                log.warn("demo team has no escalation policy: no {} service, the auditor will page nobody",
                        DemoNames.SELF_MONITORING_SERVICE);
                return;
            }
            service = services.create(team.id(), DemoNames.SELF_MONITORING_SERVICE,
                    "The auditor pages here when the on-call cache, the shifts or the workers disagree with the configuration",
                    policy.get().id(), Urgency.HIGH, Optional.empty());
            log.info("demo team: service {} created for the auditor's pages (policy {})", DemoNames.SELF_MONITORING_SERVICE,
                    policy.get().name());
        }
        if (services.keysOf(service.id()).stream().noneMatch(k -> k.type() == IntegrationType.EVENTS_V2)) {
            services.createKey(service.id(), IntegrationType.EVENTS_V2, "audit-auditor");
        }
    }

    private void giveAdminToken(Team team, String token) {
        Optional<Member> admin = teams.members(team.id()).stream().filter(m -> m.role() == Role.ADMIN).findFirst();
        if (admin.isEmpty()) {
            log.warn("demo team has no admin: oncall.demo.admin-token not given to anyone");
            return;
        }
        raise(admin.get().userId());
        boolean replaced = tokens.replacePersonal(admin.get().userId(), ADMIN_TOKEN_NAME, token, clock.instant());
        // Never the token itself: whoever chose it has it already.
        log.info("demo team: the admin's \"{}\" token {}", ADMIN_TOKEN_NAME,
                replaced ? "is the one oncall.demo.admin-token gave; earlier ones are revoked" : "was given already");
    }

    /**
     * The token the local run prints is what a newcomer tries everything with (create teams and
     * people, invite, give roles): its holder is the installation's owner when it has none yet,
     * else an installation admin. Never lowered.
     */
    private void raise(UUID userId) {
        InstallationRole held = users.installationRoleOf(userId);
        if (held.atLeast(InstallationRole.ADMIN)) {
            return;
        }
        InstallationRole role = users.hasOwner() ? InstallationRole.ADMIN : InstallationRole.OWNER;
        users.setInstallationRole(userId, role);
        log.info("demo team: the admin is now installation {}", role.code());
    }
}
