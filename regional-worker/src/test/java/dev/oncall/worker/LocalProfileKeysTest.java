package dev.oncall.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.notify.LocalOnlyKeys;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** The ack key the worker's local profile sets is the one refused outside it, so the two cannot drift apart. */
class LocalProfileKeysTest {
    @Test
    void theLocalProfilesAckKeyIsTheOneRefusedElsewhere() throws Exception {
        List<PropertySource<?>> documents = new YamlPropertySourceLoader().load("application",
                new ClassPathResource("application.yml"));
        PropertySource<?> local = documents.stream()
                .filter(d -> "local".equals(d.getProperty("spring.config.activate.on-profile")))
                .findFirst().orElseThrow();

        assertThat(local.getProperty("oncall.ack.signing-key")).hasToString(LocalOnlyKeys.ACK_SIGNING_KEY);
        Object encryption = local.getProperty("oncall.notify.webhook.encryption-key");
        assertThat(encryption == null || LocalOnlyKeys.WEBHOOK_ENCRYPTION_KEY.equals(encryption.toString())).isTrue();
    }
}
