package dev.oncall.core.notify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Writes and checks signed acknowledgement tokens: {@code payload.signature}, both
 * base64url, the signature an HMAC-SHA256 of the payload under the deployment's
 * acknowledgement key (the same in every region, so any region's API accepts any token).
 */
public final class AckTokenCodec {
    private static final byte VERSION = 1;
    private static final int PAYLOAD_BYTES = 1 + 16 + 16 + 16 + 1 + 8;
    /** Shorter keys make forged tokens guessable; the configuration refuses them. */
    public static final int MIN_KEY_BYTES = 32;
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    /** Why a token was refused. */
    public enum Problem { MALFORMED, BAD_SIGNATURE, EXPIRED }

    /** A token that was checked: either the token or why it was refused. */
    public record Checked(AckToken token, Problem problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    private final byte[] key;

    public AckTokenCodec(String key) {
        if (key == null || key.getBytes(StandardCharsets.UTF_8).length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the acknowledgement signing key must be at least "
                    + MIN_KEY_BYTES + " bytes");
        }
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    public String encode(AckToken token) {
        ByteBuffer b = ByteBuffer.allocate(PAYLOAD_BYTES);
        b.put(VERSION);
        uuid(b, token.id());
        uuid(b, token.incidentId());
        uuid(b, token.userId());
        b.put((byte) token.action().ordinal());
        b.putLong(token.expiresAt().getEpochSecond());
        byte[] payload = b.array();
        return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(Hmac.sha256(key, payload));
    }

    /** Checks signature first, then expiry at {@code now}; never throws for bad input. */
    public Checked decode(String text, Instant now) {
        if (text == null) {
            return new Checked(null, Problem.MALFORMED);
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot != text.lastIndexOf('.')) {
            return new Checked(null, Problem.MALFORMED);
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(text.substring(0, dot).strip());
            signature = DECODER.decode(text.substring(dot + 1).strip());
        } catch (IllegalArgumentException e) {
            return new Checked(null, Problem.MALFORMED);
        }
        if (payload.length != PAYLOAD_BYTES || payload[0] != VERSION) {
            return new Checked(null, Problem.MALFORMED);
        }
        if (!Hmac.same(Hmac.sha256(key, payload), signature)) {
            return new Checked(null, Problem.BAD_SIGNATURE);
        }
        ByteBuffer b = ByteBuffer.wrap(payload, 1, PAYLOAD_BYTES - 1);
        UUID id = uuid(b);
        UUID incident = uuid(b);
        UUID user = uuid(b);
        int action = b.get();
        if (action < 0 || action >= AckAction.values().length) {
            return new Checked(null, Problem.MALFORMED);
        }
        AckToken token = new AckToken(id, incident, user, AckAction.values()[action],
                Instant.ofEpochSecond(b.getLong()));
        return token.expiredAt(now) ? new Checked(token, Problem.EXPIRED) : new Checked(token, null);
    }

    private static void uuid(ByteBuffer b, UUID id) {
        b.putLong(id.getMostSignificantBits());
        b.putLong(id.getLeastSignificantBits());
    }

    private static UUID uuid(ByteBuffer b) {
        return new UUID(b.getLong(), b.getLong());
    }
}
