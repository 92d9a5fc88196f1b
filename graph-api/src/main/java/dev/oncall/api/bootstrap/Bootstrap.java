package dev.oncall.api.bootstrap;

import dev.oncall.api.token.ApiTokenRepository;
import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.store.db.Transactions;
import dev.oncall.store.team.TeamRepository;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The first admin of a fresh install, without a CLI: a token chosen by the operator
 * ({@code oncall.bootstrap.admin-token}) becomes, on a database with no users, the personal
 * token of a new admin of a new team, in one transaction. In the local profile a fresh token for
 * the demo team's admin is printed at every start.
 */
@Component
class Bootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);
    static final String DEMO_TOKEN_NAME = "local demo";
    /** The team the local run's DemoData creates. */
    static final String DEMO_TEAM = "Demo";
    private static final int MIN_TOKEN_LENGTH = ApiTokenRepository.PREFIX.length() + 32;

    private final BootstrapProperties properties;
    private final Transactions tx;
    private final TeamRepository teams;
    private final ApiTokenRepository tokens;
    private final Clock clock;

    Bootstrap(BootstrapProperties properties, Transactions tx, TeamRepository teams, ApiTokenRepository tokens,
              Clock clock) {
        this.properties = properties;
        this.tx = tx;
        this.teams = teams;
        this.tokens = tokens;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.adminToken().isBlank()) {
            bootstrapAdmin(properties.adminToken().strip());
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

    /** After the demo data exists (DemoData seeds first), hands the newcomer a token for its admin. */
    @EventListener(ApplicationReadyEvent.class)
    @Order(Ordered.LOWEST_PRECEDENCE)
    void printDemoToken() {
        if (!properties.demoToken()) {
            return;
        }
        Optional<UUID> admin = teams.list(Optional.empty(), 100).items().stream()
                .filter(t -> t.name().equals(DEMO_TEAM)).findFirst()
                .flatMap(t -> teams.members(t.id()).stream().filter(m -> m.role() == Role.ADMIN).findFirst())
                .map(Member::userId);
        if (admin.isEmpty()) {
            log.warn("bootstrap: no demo team \"{}\" to print a token for", DEMO_TEAM);
            return;
        }
        tokens.personal(admin.get()).stream()
                .filter(t -> t.name().equals(DEMO_TOKEN_NAME) && t.revokedAt().isEmpty())
                .forEach(t -> tokens.revoke(t.id(), clock.instant()));
        String token = tokens.createPersonal(admin.get(), DEMO_TOKEN_NAME, Optional.empty(), clock.instant()).secret();
        // Printed on purpose, in the local profile only: this is how a newcomer gets in.
        log.info("""

                Your API token (admin of team "{}", valid until the next start):
                  {}
                  curl -s localhost:8080/graphql -H 'Authorization: Bearer {}' -H 'Content-Type: application/json' \\
                    -d '{{"query":"{{ me {{ handle }} teams {{ edges {{ node {{ name }} }} }} }}"}}'
                """, DEMO_TEAM, token, token);
    }
}
