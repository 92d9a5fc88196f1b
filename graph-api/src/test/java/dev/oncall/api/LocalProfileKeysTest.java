package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.notify.LocalOnlyKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The keys graph-api's local profile sets are the ones refused outside it, so the two cannot drift apart. */
class LocalProfileKeysTest {
    @Test
    void theLocalProfilesKeysAreTheOnesRefusedElsewhere() throws Exception {
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yml"));
        PropertySource<?> local = documents.stream()
                .filter(d -> "local".equals(d.getProperty("spring.config.activate.on-profile")))
                .findFirst().orElseThrow();

        assertThat(local.getProperty("oncall.ack.signing-key")).hasToString(LocalOnlyKeys.ACK_SIGNING_KEY);
        assertThat(local.getProperty("oncall.notify.webhook.encryption-key")).hasToString(LocalOnlyKeys.WEBHOOK_ENCRYPTION_KEY);
        documents.stream().filter(d -> d != local).forEach(d -> {
            assertThat(d.getProperty("oncall.ack.signing-key")).as(d.getName()).isNull();
            assertThat(d.getProperty("oncall.notify.webhook.encryption-key")).as(d.getName()).isNull();
        });
    }
}
