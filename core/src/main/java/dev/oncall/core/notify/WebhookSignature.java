package dev.oncall.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * How our outgoing webhooks are signed, for receivers to check: header
 * {@value #TIMESTAMP_HEADER} holds Unix seconds, header {@value #SIGNATURE_HEADER} holds one
 * {@code v1=} entry per signing secret in force, separated by commas, each the hex HMAC-SHA256,
 * under that secret, of {@code <timestamp>.<raw body>}. Binding the timestamp lets a receiver
 * refuse replays.
 *
 * <p>Usually there is one entry, under the team's current secret. For a while after a rotation
 * there are two, the new secret's first, so a receiver holding either secret accepts the page
 * and can be switched over at leisure (the scheme Stripe uses). A receiver accepts a page when
 * any {@code v1} entry matches; it must ignore entries of schemes it does not know.
 */
public final class WebhookSignature {
    public static final String TIMESTAMP_HEADER = "X-Oncall-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Oncall-Signature";
    public static final String IDEMPOTENCY_HEADER = "X-Oncall-Idempotency-Key";
    private static final String SCHEME = "v1=";

    private WebhookSignature() {}

    public static String sign(String secret, long timestamp, String body) {
        return SCHEME + HexFormat.of().formatHex(Hmac.sha256(secret, timestamp + "." + body));
    }

    /** The header value for {@code secrets} in force, in the order given (current first). */
    public static String sign(List<String> secrets, long timestamp, String body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("a webhook is signed with at least one secret");
        }
        return secrets.stream().map(s -> sign(s, timestamp, body)).collect(Collectors.joining(","));
    }

    /** Whether {@code signature} (a header value, one entry or several) holds a valid entry under {@code secret}. */
    public static boolean valid(String secret, String timestamp, String body, String signature, Instant now,
                                Duration tolerance) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (RuntimeException e) {
            return false;
        }
        if (signature == null || Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(tolerance) > 0) {
            return false;
        }
        String expected = sign(secret, seconds, body);
        boolean any = false;
        for (String entry : signature.split(",")) {
            // Every entry is compared, so the time taken does not tell which one matched.
            any |= Hmac.same(expected, entry.strip());
        }
        return any;
    }
}
