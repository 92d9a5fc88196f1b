package dev.oncall.store.notify;

import dev.oncall.core.user.ContactMethodType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A notification intent (a row of {@code notification_attempts}) as a sender holds it:
 * "tell this person about this incident on this contact method, not before this instant".
 * {@code channel} is the contact method's type, kept even when the method is deleted since.
 * {@code claimedUntil}, with the sender's name, identifies the claim it was taken under: a
 * sender records an outcome only while that very claim still holds, so a recording delayed by
 * an outage never lands on a later claim, its own or another sender's.
 */
public record Intent(UUID id, UUID incidentId, UUID userId, Optional<UUID> contactMethodId,
                     ContactMethodType channel,
                     int step, int loop, String idempotencyKey, Instant notBefore, int attempts,
                     Optional<Instant> claimedUntil) {
    public Intent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(contactMethodId, "contactMethodId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(claimedUntil, "claimedUntil");
    }
}
