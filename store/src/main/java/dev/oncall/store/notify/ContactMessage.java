package dev.oncall.store.notify;

import dev.oncall.core.notify.ContactMessageKind;
import dev.oncall.core.validation.Codes;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A verification code or test notification for one contact method, as queued and as it fared
 * (a row of {@code contact_messages}). It never holds a code: only the worker sending it knows
 * the code, and only the code's hash is stored.
 *
 * @param address   the method's address when it was asked for; it is sent only while the method
 *                  still has it, and a code sent to it verifies only that address
 * @param expiresAt until when a verification code works (codes only)
 * @param error     why it failed or was not sent
 */
public record ContactMessage(UUID id, UUID contactMethodId, UUID userId, ContactMessageKind kind, String address,
                             State state, Instant createdAt, Optional<Instant> sentAt, Optional<Instant> expiresAt,
                             Optional<String> error) {
    public ContactMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(contactMethodId, "contactMethodId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(sentAt, "sentAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(error, "error");
    }

    /** Where a message stands; the names are the API's, the codes the database's. */
    public enum State {
        PENDING, SENDING, SENT, DELIVERED, FAILED, CANCELLED;

        public String code() {
            return Codes.of(this);
        }

        static State of(String code) {
            return Codes.parse(State.class, code).orElseThrow(() -> new IllegalStateException("unknown state " + code));
        }
    }
}
