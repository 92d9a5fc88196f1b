package dev.oncall.store.incident;

import dev.oncall.core.validation.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;

/**
 * A position in a team's event stream: the (created_at, id) of the last event a client saw,
 * as an opaque string. See {@link IncidentReads#eventsSince} for why resuming from it loses
 * nothing even though events commit out of created_at order.
 */
public record EventCursor(Instant createdAt, UUID id) implements Comparable<EventCursor> {
    /** Before every event. */
    public static final EventCursor START = new EventCursor(Instant.EPOCH, new UUID(0, 0));

    public EventCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public String encode() {
        String plain = createdAt.getEpochSecond() + "." + createdAt.getNano() + "." + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor a client sent back; refuses anything we did not produce, on {@code field}. */
    public static EventCursor decode(String field, String encoded) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            String[] parts = plain.split("\\.", 3);
            return new EventCursor(Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])),
                    UUID.fromString(parts[2]));
        } catch (RuntimeException e) {
            throw ValidationException.of(field, "is not a cursor this server issued");
        }
    }

    @Override
    public int compareTo(EventCursor o) {
        // The database orders UUIDs bytewise (unsigned); UUID.compareTo is signed.
        int c = createdAt.compareTo(o.createdAt);
        if (c != 0) {
            return c;
        }
        c = Long.compareUnsigned(id.getMostSignificantBits(), o.id.getMostSignificantBits());
        return c != 0 ? c : Long.compareUnsigned(id.getLeastSignificantBits(), o.id.getLeastSignificantBits());
    }
}
