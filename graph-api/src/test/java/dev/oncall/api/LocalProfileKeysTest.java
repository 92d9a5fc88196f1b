package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.notify.LocalOnlyKeys;
import dev.oncall.store.testing.LocalProfile;
import org.junit.jupiter.api.Test;

/** The keys graph-api's local profile sets are the ones refused outside it, so the two cannot drift apart. */
class LocalProfileKeysTest {
    @Test
    void theLocalProfilesKeysAreTheOnesRefusedElsewhere() throws Exception {
        LocalProfile yml = LocalProfile.ofApplicationYml();

        assertThat(yml.get("oncall.ack.signing-key")).isEqualTo(LocalOnlyKeys.ACK_SIGNING_KEY);
        assertThat(yml.get("oncall.notify.webhook.encryption-key")).isEqualTo(LocalOnlyKeys.WEBHOOK_ENCRYPTION_KEY);
        yml.others().forEach(d -> {
            assertThat(d.getProperty("oncall.ack.signing-key")).as(d.getName()).isNull();
            assertThat(d.getProperty("oncall.notify.webhook.encryption-key")).as(d.getName()).isNull();
        });
    }
}
