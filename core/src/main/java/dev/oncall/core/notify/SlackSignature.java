package dev.oncall.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Slack's request signature (v0): {@code v0=} and the hex HMAC-SHA256, under the app's
 * signing secret, of {@code v0:<timestamp>:<raw body>}. A request whose timestamp is further
 * than the replay window from now is refused even when correctly signed, so a captured
 * button press cannot be replayed later.
 */
public final class SlackSignature {
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);

    private SlackSignature() {}

    public static String sign(String signingSecret, String timestamp, String body) {
        return "v0=" + HexFormat.of().formatHex(Hmac.sha256(signingSecret, "v0:" + timestamp + ":" + body));
    }

    public static boolean valid(String signingSecret, String timestamp, String body, String signature,
                                Instant now, Duration replayWindow) {
        if (signingSecret.isEmpty() || timestamp == null || signature == null) {
            return false;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Duration.between(Instant.ofEpochSecond(seconds), now).abs().compareTo(replayWindow) > 0) {
            return false;
        }
        return Hmac.same(sign(signingSecret, timestamp.strip(), body), signature.strip());
    }
}
