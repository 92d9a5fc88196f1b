package dev.oncall.api.token;

import dev.oncall.api.auth.ApiTokenRepository;
import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.graphql.Connection;
import dev.oncall.api.graphql.Connections;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.api.auth.ApiTokenRepository.StoredToken;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.team.TeamRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** People manage their personal tokens; admins manage their team's automation tokens. */
@Controller
class TokenController {
    private static final Logger log = LoggerFactory.getLogger(TokenController.class);

    private final ApiTokenRepository tokens;
    private final TeamRepository teams;
    private final Clock clock;

    TokenController(ApiTokenRepository tokens, TeamRepository teams, Clock clock) {
        this.tokens = tokens;
        this.teams = teams;
        this.clock = clock;
    }

    record ApiTokenView(UUID id, String name, String kind, String prefix, UUID teamId, Role role, Instant createdAt,
                        Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
        static ApiTokenView of(StoredToken t) {
            return new ApiTokenView(t.id(), t.name(), t.userId().isPresent() ? "PERSONAL" : "TEAM", t.prefix(),
                    t.teamId().orElse(null), t.role().orElse(null), t.createdAt(), t.expiresAt().orElse(null),
                    t.lastUsedAt().orElse(null), t.revokedAt().orElse(null));
        }
    }

    record CreateApiTokenInput(String name, UUID teamId, Role role, Instant expiresAt) {}

    record IdInput(UUID id) {}

    record CreateApiTokenPayload(ApiTokenView apiToken, String token, List<UserError> userErrors) {}

    record ApiTokenPayload(ApiTokenView apiToken, List<UserError> userErrors) {}

    @QueryMapping
    Connection<ApiTokenView> myApiTokens(Caller caller, @Argument Integer first, @Argument String after) {
        UUID me = Access.person(caller);
        return page(tokens.personal(me), first, after);
    }

    @SchemaMapping(typeName = "Team")
    Connection<ApiTokenView> apiTokens(Team team, Caller caller, @Argument Integer first, @Argument String after) {
        Access.require(caller, team.id(), Role.ADMIN);
        return page(tokens.ofTeam(team.id()), first, after);
    }

    @SchemaMapping(typeName = "ApiToken")
    CompletableFuture<Team> team(ApiTokenView token, DataLoader<UUID, Team> loader) {
        return token.teamId() == null ? CompletableFuture.completedFuture(null) : loader.load(token.teamId());
    }

    @MutationMapping
    CreateApiTokenPayload createApiToken(Caller caller, @Argument CreateApiTokenInput input) {
        return Mutations.attempt(() -> {
            Instant now = clock.instant();
            ApiTokenRepository.Issued issued;
            if (input.teamId() == null) {
                if (input.role() != null) {
                    throw ValidationException.of("role", "only a team token has a role; a personal token acts with yours");
                }
                issued = tokens.createPersonal(Access.person(caller), input.name(), Optional.ofNullable(input.expiresAt()), now);
            } else {
                Access.named(caller, teams.find(input.teamId()), Team::id, "teamId", "team", Role.ADMIN);
                if (input.role() == null) {
                    throw ValidationException.of("role", "is required for a team token");
                }
                issued = tokens.createForTeam(input.teamId(), input.role(), input.name(),
                        Optional.ofNullable(input.expiresAt()), now);
            }
            log.info("api token {} ({}) created", issued.token().id(), issued.token().prefix());
            return new CreateApiTokenPayload(ApiTokenView.of(issued.token()), issued.secret(), List.of());
        }, errors -> new CreateApiTokenPayload(null, null, errors));
    }

    @MutationMapping
    ApiTokenPayload revokeApiToken(Caller caller, @Argument IdInput input) {
        return Mutations.attempt(() -> {
            Optional<StoredToken> found = tokens.find(input.id());
            StoredToken token = found.flatMap(StoredToken::userId).isPresent()
                    ? Access.own(caller, found, t -> t.userId().orElseThrow(), "id", "token")
                    : Access.named(caller, found, t -> t.teamId().orElseThrow(), "id", "token", Role.ADMIN);
            StoredToken revoked = tokens.revoke(token.id(), clock.instant());
            log.info("api token {} revoked", revoked.id());
            return new ApiTokenPayload(ApiTokenView.of(revoked), List.of());
        }, errors -> new ApiTokenPayload(null, errors));
    }

    private static Connection<ApiTokenView> page(List<StoredToken> list, Integer first, String after) {
        return Connections.page("apiTokens", list.stream().map(ApiTokenView::of).toList(),
                t -> Connections.timeKey(t.createdAt(), t.id().toString()), first, after);
    }
}
