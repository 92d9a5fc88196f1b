package dev.oncall.api.user;

import dev.oncall.core.notify.ContactMessageKind;
import dev.oncall.store.notify.ContactMessage;
import java.time.Instant;
import java.util.UUID;

/** A {@link ContactMessage} as the API's {@code ContactMessage} type shows it: no address, no code. */
record ContactMessageView(UUID id, ContactMessageKind kind, ContactMessage.State state, Instant createdAt,
                          Instant sentAt, Instant expiresAt, String error) {
    static ContactMessageView of(ContactMessage m) {
        return new ContactMessageView(m.id(), m.kind(), m.state(), m.createdAt(), m.sentAt().orElse(null),
                m.expiresAt().orElse(null), m.error().orElse(null));
    }
}
