package dev.oncall.api.incident;

import dev.oncall.api.graphql.ApiException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Where a client stands in a team's event stream, exactly: every event created before
 * {@code settled} was delivered (or, by the overlap bound, can no longer appear), and of the
 * events created since, exactly those in {@code delivered}. Resuming from it therefore sends
 * every missed event and none twice, on any replica, because it depends on no server state.
 * The list only holds events of about the last overlap window, so the cursor stays small.
 * Binary (version, instant, ids), base64url: opaque to clients.
 */
record StreamCursor(Instant settled, List<UUID> delivered) {
    private static final byte VERSION = 1;
    private static final int HEADER = 1 + Long.BYTES + Integer.BYTES;

    StreamCursor {
        Objects.requireNonNull(settled, "settled");
        delivered = List.copyOf(delivered);
    }

    static StreamCursor of(Instant settled, Collection<UUID> delivered) {
        return new StreamCursor(settled, List.copyOf(delivered));
    }

    String encode() {
        ByteBuffer out = ByteBuffer.allocate(HEADER + delivered.size() * 16);
        out.put(VERSION).putLong(settled.getEpochSecond()).putInt(settled.getNano());
        delivered.forEach(id -> out.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /** Reads a cursor a client sent back; anything we did not produce is a BAD_REQUEST naming {@code argument}. */
    static StreamCursor decode(String argument, String encoded) {
        try {
            ByteBuffer in = ByteBuffer.wrap(Base64.getUrlDecoder().decode(encoded));
            if (in.remaining() < HEADER || in.get() != VERSION || (in.remaining() - HEADER + 1) % 16 != 0) {
                throw new IllegalArgumentException("not a stream cursor");
            }
            Instant settled = Instant.ofEpochSecond(in.getLong(), in.getInt());
            List<UUID> ids = new ArrayList<>();
            while (in.hasRemaining()) {
                ids.add(new UUID(in.getLong(), in.getLong()));
            }
            return new StreamCursor(settled, ids);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(argument + " is not a cursor incidentUpdates returned");
        }
    }
}
