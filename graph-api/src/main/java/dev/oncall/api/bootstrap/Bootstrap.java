package dev.oncall.api.bootstrap;

import dev.oncall.api.token.ApiTokenRepository;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Restriction;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.store.db.Transactions;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.schedule.ScheduleRepository;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * The first admin of a fresh install, without a CLI: a token chosen by the operator
 * ({@code oncall.bootstrap.admin-token}) becomes, on a database with no users, the personal
 * token of a new admin of a new team, in one transaction. In the local profile a demo team is
 * created once and a fresh token for its admin printed at every start.
 */
@Component
class Bootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    static final String DEMO_TOKEN_NAME = "local demo";
    private static final int MIN_TOKEN_LENGTH = ApiTokenRepository.PREFIX.length() + 32;

    private final BootstrapProperties properties;
    private final Transactions tx;
    private final UserRepository users;
    private final TeamRepository teams;
    private final ScheduleRepository schedules;
    private final PolicyRepository policies;
    private final ServiceRepository services;
    private final ApiTokenRepository tokens;
    private final Clock clock;

    Bootstrap(BootstrapProperties properties, Transactions tx, UserRepository users, TeamRepository teams,
              ScheduleRepository schedules, PolicyRepository policies, ServiceRepository services,
              ApiTokenRepository tokens, Clock clock) {
        this.properties = properties;
        this.tx = tx;
        this.users = users;
        this.teams = teams;
        this.schedules = schedules;
        this.policies = policies;
        this.services = services;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.adminToken().isBlank()) {
            bootstrapAdmin(properties.adminToken().strip());
        }
        if (properties.demo()) {
            demo();
        }
    }

    private void bootstrapAdmin(String token) {
        if (!token.startsWith(ApiTokenRepository.PREFIX) || token.length() < MIN_TOKEN_LENGTH) {
            throw new IllegalStateException("oncall.bootstrap.admin-token must be \"" + ApiTokenRepository.PREFIX
                    + "\" followed by at least 32 random characters, e.g. from: echo oncall_$(openssl rand -hex 24)");
        }
        String outcome = tx.write("bootstrap.admin", db -> {
            if (ApiTokenRepository.existsBySecret(db, token)) {
                return "present";
            }
            if (db.sql("SELECT count(*) FROM users").query(Integer.class).single() > 0) {
                return "ignored";
            }
            UUID user = db.sql("""
                            INSERT INTO users (handle, name, email, timezone) VALUES (:h, 'Administrator', :e, 'UTC')
                            RETURNING id""")
                    .param("h", properties.adminHandle()).param("e", properties.adminEmail()).query(UUID.class).single();
            UUID team = db.sql("INSERT INTO teams (name) VALUES (:n) RETURNING id").param("n", properties.teamName())
                    .query(UUID.class).single();
            db.sql("INSERT INTO team_members (team_id, user_id, role) VALUES (:t, :u, 'admin')")
                    .param("t", team).param("u", user).update();
            ApiTokenRepository.insertPersonal(db, user, "bootstrap", token, clock.instant());
            return "created";
        });
        switch (outcome) {
            case "created" -> log.info("bootstrap: created admin \"{}\" in team \"{}\" with the configured token",
                    properties.adminHandle(), properties.teamName());
            case "ignored" -> log.warn("bootstrap: oncall.bootstrap.admin-token ignored, the database already has users");
            default -> log.debug("bootstrap: the configured admin token exists already");
        }
    }

    private void demo() {
        User admin = users.findByHandle("demo-admin").orElseGet(this::createDemo);
        tokens.personal(admin.id()).stream()
                .filter(t -> t.name().equals(DEMO_TOKEN_NAME) && t.revokedAt().isEmpty())
                .forEach(t -> tokens.revoke(t.id(), clock.instant()));
        String token = tokens.createPersonal(admin.id(), DEMO_TOKEN_NAME, Optional.empty(), clock.instant()).secret();
        // Printed on purpose, in the local profile only: this is how a newcomer gets in.
        log.info("""

                Demo team ready. Your token (admin of team "Demo", valid until the next start):
                  {}
                  curl -s localhost:8080/graphql -H 'Authorization: Bearer {}' -H 'Content-Type: application/json' \\
                    -d '{{"query":"{{ me {{ handle }} teams {{ edges {{ node {{ name schedules {{ edges {{ node {{ name onCall {{ name }} }} }} }} }} }} }} }}"}}'
                """, token, token);
    }

    private User createDemo() {
        User admin = users.create("demo-admin", "Demo Admin", "demo-admin@oncall.invalid", "UTC");
        Team team = teams.createWithAdmin("Demo", "A team to try things with", admin.id());
        User ada = users.createInTeam(team.id(), Role.MANAGER, "ada", "Ada Lovelace", "ada@oncall.invalid", "Europe/London");
        User grace = users.createInTeam(team.id(), Role.RESPONDER, "grace", "Grace Hopper", "grace@oncall.invalid",
                "America/New_York");
        User alan = users.createInTeam(team.id(), Role.RESPONDER, "alan", "Alan Turing", "alan@oncall.invalid",
                "Europe/London");
        LocalDateTime monday = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
                .withHour(9);
        Layer weekly = Layer.of("primary", monday, Rotation.weekly(1),
                List.of(ada.id().toString(), grace.id().toString(), alan.id().toString()));
        Layer business = new Layer("business hours", monday, Optional.empty(), Rotation.daily(1),
                List.of(grace.id().toString(), alan.id().toString()), 1,
                List.of(Restriction.daily(LocalTime.of(9, 0), LocalTime.of(17, 0))));
        var schedule = schedules.create(team.id(), "Primary", "", "Europe/London", List.of(weekly, business), List.of(),
                Optional.of(admin.id()));
        var policy = policies.create(team.id(), "Default", "", 1, List.of(
                new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.SCHEDULE, schedule.info().id()))),
                new EscalationStep(Duration.ofMinutes(10), List.of(new StepTarget(TargetType.TEAM, team.id())))));
        services.create(team.id(), "Website", "", policy.id(), Urgency.HIGH, Optional.empty());
        log.info("bootstrap: demo team created");
        return admin;
    }
}
