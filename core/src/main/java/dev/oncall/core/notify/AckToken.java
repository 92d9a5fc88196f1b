package dev.oncall.core.notify;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Permission for one person to act once on one incident until {@code expiresAt}; carried,
 * signed, by a push notification, an email link, a Slack button or a voice call. {@code id}
 * is recorded when the token is redeemed, which makes it single use.
 */
public record AckToken(UUID id, UUID incidentId, UUID userId, AckAction action, Instant expiresAt) {
    public AckToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
