package dev.oncall.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.notify.LocalOnlyKeys;
import dev.oncall.store.testing.LocalProfile;
import org.junit.jupiter.api.Test;

/** The ack key the worker's local profile sets is the one refused outside it, so the two cannot drift apart. */
class LocalProfileKeysTest {
    @Test
    void theLocalProfilesAckKeyIsTheOneRefusedElsewhere() throws Exception {
        LocalProfile yml = LocalProfile.ofApplicationYml();

        assertThat(yml.get("oncall.ack.signing-key")).isEqualTo(LocalOnlyKeys.ACK_SIGNING_KEY);
        assertThat(yml.get("oncall.notify.webhook.encryption-key")).isIn(null, LocalOnlyKeys.WEBHOOK_ENCRYPTION_KEY);
        yml.others().forEach(d -> assertThat(d.getProperty("oncall.ack.signing-key")).as(d.getName()).isNull());
    }
}
