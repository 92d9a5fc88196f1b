package dev.oncall.api.bootstrap;

import dev.oncall.store.version.ConfigurationVersion;
import dev.oncall.api.auth.ApiTokenRepository;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.platform.db.Transactions;
import java.time.Clock;
import java.time.Instant;
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
 * token of a new admin of a new team, in one transaction. That person is the installation's
 * owner, so the token can do everything a newcomer tries (create teams and people, give
 * installation roles). It expires after {@code admin-token-ttl}: a value left in a deployment's
 * environment or history stops being the installation's master key once the owner has made
 * tokens of their own.
 */
@Component
class Bootstrap implements ApplicationRunner {
    private static final Logger log = LoggerFactory.getLogger(Bootstrap.class);

    private final BootstrapProperties properties;
    private final Transactions tx;
    private final Clock clock;

    Bootstrap(BootstrapProperties properties, Transactions tx, Clock clock) {
        this.properties = properties;
        this.tx = tx;
        this.clock = clock;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!properties.adminToken().isBlank()) {
            bootstrapAdmin(ApiTokenRepository.requireChosen("oncall.bootstrap.admin-token", properties.adminToken()));
        }
    }

    private void bootstrapAdmin(String token) {
        String outcome = ConfigurationVersion.write(tx, "bootstrap.admin", db -> {
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
            db.sql("INSERT INTO installation_roles (user_id, role) VALUES (:u, :r)")
                    .param("u", user).param("r", InstallationRole.OWNER.code()).update();
            Instant now = clock.instant();
            ApiTokenRepository.insertPersonal(db, user, "bootstrap", token, now, Optional.of(now.plus(properties.adminTokenTtl())));
            return "created";
        });
        switch (outcome) {
            case "created" -> log.info("bootstrap: created the installation owner \"{}\", admin of team \"{}\", with the "
                            + "configured token, which expires in {}: create your own tokens before then",
                    properties.adminHandle(), properties.teamName(), properties.adminTokenTtl());
            case "ignored" -> log.warn("bootstrap: oncall.bootstrap.admin-token ignored, the database already has users");
            default -> log.debug("bootstrap: the configured admin token exists already");
        }
    }
}
