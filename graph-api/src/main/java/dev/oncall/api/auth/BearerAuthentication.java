package dev.oncall.api.auth;

import dev.oncall.api.auth.ApiTokenRepository;
import dev.oncall.api.auth.ApiTokenRepository.StoredToken;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

/**
 * Turns a bearer token into a {@link Caller}: an Oncall API token (recognised by its prefix),
 * or, when an OIDC issuer is configured, a JWT meant for Oncall (its {@code aud} holds the
 * configured audience) whose email claim names an Oncall user. Used by the HTTP filter chain and
 * by WebSocket connections that authenticate in connection_init.
 */
public final class BearerAuthentication implements AuthenticationManager {
    /** OIDC's standard claims: an email, and whether the provider verified it belongs to the subject. */
    private static final String EMAIL = "email";
    private static final String EMAIL_VERIFIED = "email_verified";

    private final ApiTokenRepository tokens;
    private final TeamRepository teams;
    private final UserRepository users;
    private final Clock clock;
    private final Optional<JwtAuthenticationProvider> jwt;
    private final String userClaim;
    private final String audience;

    /**
     * @param audience what a JWT's {@code aud} must contain; required (not blank) when a decoder is given
     */
    public BearerAuthentication(ApiTokenRepository tokens, TeamRepository teams, UserRepository users, Clock clock,
                                Optional<JwtDecoder> decoder, String userClaim, String audience) {
        if (decoder.isPresent() && audience.isBlank()) {
            throw new IllegalStateException("OIDC is on (spring.security.oauth2.resourceserver.jwt.issuer-uri) but "
                    + "oncall.security.jwt-audience is not set: set it to the audience your identity provider puts in "
                    + "tokens meant for Oncall (usually Oncall's client id), so tokens issued for other applications "
                    + "are refused");
        }
        this.tokens = tokens;
        this.teams = teams;
        this.users = users;
        this.clock = clock;
        this.userClaim = userClaim;
        this.audience = audience.strip();
        this.jwt = decoder.map(d -> {
            JwtAuthenticationProvider provider = new JwtAuthenticationProvider(d);
            provider.setJwtAuthenticationConverter(j -> new CallerAuthentication(fromJwt(j), j.getExpiresAt() == null
                    ? new Credential.Lasting() : new Credential.Jwt(j.getExpiresAt())));
            return provider;
        });
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        if (!(authentication instanceof BearerTokenAuthenticationToken bearer)) {
            return null;
        }
        return resolveWithCredential(bearer.getToken());
    }

    /** The caller a token stands for; refuses unknown, revoked and expired tokens alike. */
    public Caller resolve(String token) {
        return resolveWithCredential(token).caller();
    }

    /** Like {@link #resolve}, with what the caller's authority rests on (for live operations to check again). */
    public CallerAuthentication resolveWithCredential(String token) {
        if (token.startsWith(ApiTokenRepository.PREFIX)) {
            StoredToken stored = tokens.findBySecret(token)
                    .filter(t -> t.usableAt(clock.instant()))
                    .orElseThrow(() -> new InvalidBearerTokenException("unknown, revoked or expired token"));
            tokens.touch(stored, clock.instant());
            Credential credential = new Credential.ApiToken(stored.id());
            if (stored.userId().isPresent()) {
                return new CallerAuthentication(person(stored.userId().get()), credential);
            }
            return new CallerAuthentication(new Caller.TeamToken(stored.id(), stored.teamId().orElseThrow(),
                    stored.role().orElseThrow()), credential);
        }
        if (jwt.isPresent()) {
            return (CallerAuthentication) jwt.get().authenticate(new BearerTokenAuthenticationToken(token));
        }
        throw new InvalidBearerTokenException("not an Oncall API token");
    }

    private Caller fromJwt(Jwt token) {
        List<String> aud = token.getAudience();
        if (aud == null || !aud.contains(audience)) {
            throw new InvalidBearerTokenException("the token is not meant for Oncall: its aud lacks the configured audience");
        }
        String email = token.getClaimAsString(userClaim);
        if (email == null || email.isBlank()) {
            throw new InvalidBearerTokenException("the token has no " + userClaim + " claim");
        }
        if (userClaim.equals(EMAIL) && !emailVerified(token)) {
            throw new InvalidBearerTokenException("the identity provider has not verified the token's email");
        }
        return users.findByEmail(email).map(u -> person(u.id()))
                .orElseThrow(() -> new InvalidBearerTokenException("no Oncall user matches the token's " + userClaim));
    }

    /**
     * OIDC's {@code email_verified}: without it anyone who can register an unverified address at the
     * provider could log in as the Oncall person holding it. Some providers send it as a string.
     */
    private static boolean emailVerified(Jwt token) {
        Object verified = token.getClaim(EMAIL_VERIFIED);
        return Boolean.TRUE.equals(verified) || "true".equals(verified);
    }

    private Caller person(UUID userId) {
        return Callers.person(userId, teams, users);
    }
}
