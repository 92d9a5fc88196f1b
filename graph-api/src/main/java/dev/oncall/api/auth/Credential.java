package dev.oncall.api.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * What a caller's authority rests on, so that a live operation (a subscription, a WebSocket
 * connection) can ask cheaply, while it runs, whether it still holds: an Oncall API token (one
 * row, by id: revoked or expired?) or an OIDC JWT (until its expiry).
 */
public sealed interface Credential {
    /** An Oncall API token, looked up again by id. */
    record ApiToken(UUID id) implements Credential {
        public ApiToken {
            Objects.requireNonNull(id, "id");
        }
    }

    /** A JWT, good until it expires (its issuer is not asked again). */
    record Jwt(Instant expiresAt) implements Credential {
        public Jwt {
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    /** Nothing that expires or can be revoked here (a JWT without an expiry claim). */
    record Lasting() implements Credential {}
}
