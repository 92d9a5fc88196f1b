package dev.oncall.store.notify;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** The local run's published keys work only under the local profile. */
class LocalOnlyKeysTest {
    private static final String OWN = "an-operators-own-random-key-0123456789abcdef";

    private static AckProperties ack(String key) {
        return new AckProperties(key, Duration.ofHours(24), "https://oncall.example.com");
    }

    private static NotifyProperties.Webhook webhook(String encryptionKey) {
        return new NotifyProperties.Webhook("", Duration.ofSeconds(10), List.of(), encryptionKey, Duration.ofHours(24));
    }

    private static MockEnvironment profiles(String... active) {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles(active);
        return env;
    }

    @Test
    void theLocalAckSigningKeyIsRefusedOutsideTheLocalProfile() {
        assertThatThrownBy(() -> LocalOnlyKeys.refuseOutsideLocal(profiles("prod"), ack(LocalOnlyKeys.ACK_SIGNING_KEY),
                webhook(OWN)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("oncall.ack.signing-key")
                .hasMessageNotContaining("encryption-key")
                .hasMessageContaining("'local' profile is not active");
    }

    @Test
    void theLocalWebhookEncryptionKeyIsRefusedOutsideTheLocalProfile() {
        assertThatThrownBy(() -> LocalOnlyKeys.refuseOutsideLocal(profiles(), ack(OWN),
                webhook(LocalOnlyKeys.WEBHOOK_ENCRYPTION_KEY)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("oncall.notify.webhook.encryption-key");
    }

    @Test
    void theLocalProfileMayUseItsKeysAndOthersTheirOwn() {
        assertThatCode(() -> LocalOnlyKeys.refuseOutsideLocal(profiles("local"), ack(LocalOnlyKeys.ACK_SIGNING_KEY),
                webhook(LocalOnlyKeys.WEBHOOK_ENCRYPTION_KEY))).doesNotThrowAnyException();
        assertThatCode(() -> LocalOnlyKeys.refuseOutsideLocal(profiles("prod"), ack(OWN), webhook(OWN)))
                .doesNotThrowAnyException();
        assertThatCode(() -> LocalOnlyKeys.refuseOutsideLocal(profiles(), ack(""), webhook("")))
                .doesNotThrowAnyException();
    }
}
