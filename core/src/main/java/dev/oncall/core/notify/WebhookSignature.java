package dev.oncall.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * How our outgoing webhooks are signed, for receivers to check: header
 * {@value #TIMESTAMP_HEADER} holds Unix seconds, header {@value #SIGNATURE_HEADER} holds
 * {@code v1=} and the hex HMAC-SHA256, under the shared secret, of {@code <timestamp>.<raw body>}.
 * Binding the timestamp lets a receiver refuse replays.
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "X-Oncall-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Oncall-Signature";
    public static final String IDEMPOTENCY_HEADER = "X-Oncall-Idempotency-Key";

    private WebhookSignature() {}

    public static String sign(String secret, long timestamp, String body) {
        return "v1=" + HexFormat.of().formatHex(Hmac.sha256(secret, timestamp + "." + body));
    }

    public static boolean valid(String secret, String timestamp, String body, String signature, Instant now,
                                Duration tolerance) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (RuntimeException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        return Hmac.same(sign(secret, seconds, body), signature == null ? null : signature.strip());
    }
}
