package dev.oncall.api.live;

import dev.oncall.api.auth.Caller;
import dev.oncall.api.auth.CallerAuthentication;
import dev.oncall.api.auth.Callers;
import dev.oncall.api.auth.Credential;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.auth.ApiTokenRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import graphql.GraphQLContext;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Keeps a subscription's authorization true while it runs. A subscription is authorized when it
 * starts; this checks again every {@link LiveProperties#recheck()}, in the database (so a token
 * revoked or a member removed through any graph-api instance counts on every other), that the
 * token still works and that a person is still a member of the team the subscription follows.
 * When the token stopped working the subscription ends with UNAUTHORIZED and its WebSocket
 * connection, if it has one, is closed with 4403 Forbidden; when the person left the team the
 * subscription ends with FORBIDDEN (their other subscriptions go on).
 */
@Component
public class LiveAccess {
    /** The GraphQL context entry holding the operation's {@link Credential}. */
    public static final String CREDENTIAL = Credential.class.getName();
    /** The GraphQL context entry holding the operation's {@link LiveConnection}, over WebSocket. */
    public static final String CONNECTION = LiveConnection.class.getName();
    private static final Logger log = LoggerFactory.getLogger(LiveAccess.class);

    private final ApiTokenRepository tokens;
    private final TeamRepository teams;
    private final UserRepository users;
    private final Clock clock;
    private final LiveProperties properties;

    LiveAccess(ApiTokenRepository tokens, TeamRepository teams, UserRepository users, Clock clock,
               LiveProperties properties) {
        this.tokens = tokens;
        this.teams = teams;
        this.users = users;
        this.clock = clock;
        this.properties = properties;
    }

    /** What the operation's GraphQL context needs for {@link #whileAllowed}: its credential, and its connection if any. */
    public static Map<String, Object> context(Credential credential, Optional<LiveConnection> connection) {
        return connection.<Map<String, Object>>map(c -> Map.of(CREDENTIAL, credential, CONNECTION, c))
                .orElseGet(() -> Map.of(CREDENTIAL, credential));
    }

    /** {@code source} until the caller may no longer read {@code teamId}; then an error saying why. */
    public <T> Flux<T> whileAllowed(GraphQLContext context, UUID teamId, Flux<T> source) {
        Caller caller = Callers.of(context);
        Credential credential = context.getOrDefault(CREDENTIAL, new Credential.Lasting());
        Optional<LiveConnection> connection = Optional.ofNullable(context.get(CONNECTION));
        return Flux.defer(() -> {
            AtomicReference<Refusal> refused = new AtomicReference<>();
            Mono<Refusal> ended = Flux.interval(properties.recheck())
                    .onBackpressureDrop()
                    .concatMap(tick -> Mono.fromCallable(() -> refusal(caller, credential, teamId).orElse(null))
                            .subscribeOn(Schedulers.boundedElastic())
                            .onErrorResume(e -> {
                                // A failed check is tried again at the next tick; it never ends a subscription by itself.
                                log.warn("live authorization check failed this time: {}", e.toString());
                                return Mono.empty();
                            }), 1)
                    .next()
                    .doOnNext(r -> {
                        refused.set(r);
                        if (r.closesConnection()) {
                            connection.ifPresent(c -> c.forbid(r.error().getMessage()));
                        }
                    });
            return source.takeUntilOther(ended)
                    .concatWith(Mono.defer(() -> refused.get() == null ? Mono.empty() : Mono.error(refused.get().error())));
        });
    }

    /**
     * A connection's caller as it stands now (a person's memberships read again), or empty when
     * the credential it authenticated with no longer works: for a WebSocket authenticated by its
     * upgrade request, whose token is not kept.
     */
    public Optional<CallerAuthentication> current(CallerAuthentication authenticated) {
        if (!usable(authenticated.credential())) {
            return Optional.empty();
        }
        Caller caller = switch (authenticated.caller()) {
            case Caller.Person p -> Callers.person(p.id(), teams, users);
            case Caller.TeamToken t -> t;
        };
        return Optional.of(new CallerAuthentication(caller, authenticated.credential()));
    }

    private boolean usable(Credential credential) {
        Instant now = clock.instant();
        return switch (credential) {
            case Credential.ApiToken t -> tokens.find(t.id()).map(s -> s.usableAt(now)).orElse(false);
            case Credential.Jwt j -> now.isBefore(j.expiresAt());
            case Credential.Lasting l -> true;
        };
    }

    /** Why the caller may no longer follow {@code teamId}, if they may not. */
    Optional<Refusal> refusal(Caller caller, Credential credential, UUID teamId) {
        if (!usable(credential)) {
            return Optional.of(new Refusal(ApiException.unauthorized(
                    "the token was revoked or has expired; connect again with a valid token"), true));
        }
        if (caller instanceof Caller.Person person && teams.roleOf(teamId, person.id()).isEmpty()) {
            return Optional.of(new Refusal(ApiException.forbidden("you are no longer a member of this team"), false));
        }
        return Optional.empty();
    }

    /** Why a live operation ends; a dead token also ends its connection. */
    record Refusal(ApiException error, boolean closesConnection) {}
}
