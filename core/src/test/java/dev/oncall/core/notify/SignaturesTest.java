package dev.oncall.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Our signature code against the providers' own published examples. */
class SignaturesTest {
    private static final String TWILIO_URL = "https://mycompany.com/myapp.php?foo=1&bar=2";

    private static Map<String, List<String>> twilioParams() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("From", List.of("+14158675309"));
        params.put("CallSid", List.of("CA1234567890ABCDE"));
        params.put("To", List.of("+18005551212"));
        params.put("Digits", List.of("1234"));
        params.put("Caller", List.of("+14158675309"));
        return params;
    }

    @Test
    void twilioSignatureMatchesTheDocumentedExample() {
        assertThat(TwilioSignature.sign("12345", TWILIO_URL, twilioParams())).isEqualTo("RSOYDt4T1cUTdK1PDd93/VVr8B8=");
        assertThat(TwilioSignature.valid("12345", TWILIO_URL, twilioParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isTrue();
    }

    @Test
    void twilioSignatureSortsRepeatedValues() {
        Map<String, List<String>> params = new LinkedHashMap<>();
        params.put("Sid", List.of("CA123"));
        params.put("SidAccount", List.of("AC123"));
        params.put("Digits", List.of("5678", "1234", "1234"));
        assertThat(TwilioSignature.sign("12345", TWILIO_URL, params)).isEqualTo("IK+Dwps556ElfBT0I3Rgjkr1wJU=");
    }

    @Test
    void twilioSignatureRefusesTamperingAndEmptyTokens() {
        Map<String, List<String>> tampered = twilioParams();
        tampered.put("Digits", List.of("9999"));
        assertThat(TwilioSignature.valid("12345", TWILIO_URL, tampered, "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(TwilioSignature.valid("12345", TWILIO_URL + "&x=1", twilioParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8="))
                .isFalse();
        assertThat(TwilioSignature.valid("", TWILIO_URL, twilioParams(), "RSOYDt4T1cUTdK1PDd93/VVr8B8=")).isFalse();
        assertThat(TwilioSignature.valid("12345", TWILIO_URL, twilioParams(), null)).isFalse();
    }

    private static final String SLACK_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String SLACK_BODY = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
            + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";
    private static final String SLACK_SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    @Test
    void slackSignatureMatchesTheDocumentedExample() {
        assertThat(SlackSignature.sign(SLACK_SECRET, "1531420618", SLACK_BODY)).isEqualTo(SLACK_SIGNATURE);
        assertThat(SlackSignature.valid(SLACK_SECRET, "1531420618", SLACK_BODY, SLACK_SIGNATURE,
                Instant.ofEpochSecond(1531420618 + 60), SlackSignature.DEFAULT_REPLAY_WINDOW)).isTrue();
    }

    @Test
    void slackSignatureOutsideTheReplayWindowIsRefused() {
        Instant later = Instant.ofEpochSecond(1531420618).plus(Duration.ofMinutes(5)).plusSeconds(1);
        assertThat(SlackSignature.valid(SLACK_SECRET, "1531420618", SLACK_BODY, SLACK_SIGNATURE, later,
                SlackSignature.DEFAULT_REPLAY_WINDOW)).isFalse();
        assertThat(SlackSignature.valid(SLACK_SECRET, "not-a-number", SLACK_BODY, SLACK_SIGNATURE,
                Instant.ofEpochSecond(1531420618), SlackSignature.DEFAULT_REPLAY_WINDOW)).isFalse();
        assertThat(SlackSignature.valid(SLACK_SECRET, "1531420618", SLACK_BODY + "x", SLACK_SIGNATURE,
                Instant.ofEpochSecond(1531420618), SlackSignature.DEFAULT_REPLAY_WINDOW)).isFalse();
    }

    @Test
    void webhookSignatureBindsTimestampAndBody() {
        String body = "{\"a\":1}";
        String signature = WebhookSignature.sign("secret", 1700000000L, body);
        Instant now = Instant.ofEpochSecond(1700000010L);
        assertThat(signature).startsWith("v1=").hasSize(3 + 64);
        assertThat(WebhookSignature.valid("secret", "1700000000", body, signature, now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.valid("secret", "1700000001", body, signature, now, Duration.ofMinutes(5))).isFalse();
        assertThat(WebhookSignature.valid("secret", "1700000000", body + " ", signature, now, Duration.ofMinutes(5)))
                .isFalse();
        assertThat(WebhookSignature.valid("secret", "1700000000", body, signature, now.plusSeconds(3600),
                Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void duringARotationEitherSecretChecksTheSameHeader() {
        String body = "{\"a\":1}";
        Instant now = Instant.ofEpochSecond(1700000010L);
        String header = WebhookSignature.sign(List.of("new-secret", "old-secret"), 1700000000L, body);
        assertThat(header).isEqualTo(WebhookSignature.sign("new-secret", 1700000000L, body) + ","
                + WebhookSignature.sign("old-secret", 1700000000L, body));
        assertThat(WebhookSignature.valid("new-secret", "1700000000", body, header, now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.valid("old-secret", "1700000000", body, header, now, Duration.ofMinutes(5))).isTrue();
        assertThat(WebhookSignature.valid("other-team", "1700000000", body, header, now, Duration.ofMinutes(5)))
                .isFalse();
        assertThat(WebhookSignature.valid("new-secret", "1700000000", body, "v0=abc, " + header, now,
                Duration.ofMinutes(5))).as("unknown schemes are skipped").isTrue();
    }

    @Test
    void theRotationExampleInTheNotificationsGuideIsWhatWeSend() {
        assertThat(WebhookSignature.sign(List.of("whsec_new", "whsec_old"), 1700000000L, "{\"type\":\"oncall.page\"}"))
                .isEqualTo("v1=8d67f5abf7a3e407b659b3850fd314c406cc2d4089a27d30309bc9ce738673b1,v1=4c10ae9ddafe75cf6bb8e39e1bcad6996ad7f934d6930b083f1bfb4602bb1668");
    }
}
