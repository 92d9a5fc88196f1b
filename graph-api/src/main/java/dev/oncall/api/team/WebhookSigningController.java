package dev.oncall.api.team;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.store.notify.TeamWebhookSecrets;
import dev.oncall.store.team.TeamRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** A team's webhook signing secret: members see when it was made, admins rotate it and see it once. */
@Controller
class WebhookSigningController {
    private static final Logger log = LoggerFactory.getLogger(WebhookSigningController.class);

    private final TeamWebhookSecrets secrets;
    private final TeamRepository teams;
    private final Clock clock;

    WebhookSigningController(TeamWebhookSecrets secrets, TeamRepository teams, Clock clock) {
        this.secrets = secrets;
        this.teams = teams;
        this.clock = clock;
    }

    record WebhookSigning(Instant createdAt, Instant previousExpiresAt) {
        static WebhookSigning of(TeamWebhookSecrets.Signing s) {
            return new WebhookSigning(s.createdAt(), s.previousExpiresAt().orElse(null));
        }
    }

    record RotateWebhookSigningSecretInput(UUID teamId) {}

    record RotateWebhookSigningSecretPayload(String secret, WebhookSigning webhookSigning, List<UserError> userErrors) {}

    @SchemaMapping(typeName = "Team")
    WebhookSigning webhookSigning(Team team, Caller caller) {
        Access.read(caller, team.id());
        return secrets.signing(team.id(), clock.instant()).map(WebhookSigning::of).orElse(null);
    }

    @MutationMapping
    RotateWebhookSigningSecretPayload rotateWebhookSigningSecret(Caller caller,
                                                                 @Argument RotateWebhookSigningSecretInput input) {
        return Mutations.attempt(() -> {
            Access.named(caller, teams.find(input.teamId()), Team::id, "teamId", "team", Role.ADMIN);
            TeamWebhookSecrets.Rotated rotated = secrets.rotate(input.teamId(), clock.instant());
            log.info("webhook signing secret of team {} rotated; the previous one signs until {}", input.teamId(),
                    rotated.signing().previousExpiresAt().map(Instant::toString).orElse("now"));
            return new RotateWebhookSigningSecretPayload(rotated.secret(), WebhookSigning.of(rotated.signing()),
                    List.of());
        }, errors -> new RotateWebhookSigningSecretPayload(null, null, errors));
    }
}
