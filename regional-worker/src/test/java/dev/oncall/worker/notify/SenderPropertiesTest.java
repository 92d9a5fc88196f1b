package dev.oncall.worker.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.user.ContactMethodType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The documented defaults are the ones that bind, and a partial setting keeps the rest of its default. */
class SenderPropertiesTest {
    private static SenderProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("oncall.notify.sender", SenderProperties.class);
    }

    @Test
    void defaultsBind() {
        SenderProperties p = bind(Map.of());
        assertThat(p.enabled()).isTrue();
        assertThat(p.claimTtl()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.retry().maxAttempts()).isEqualTo(3);
        assertThat(p.breaker().openFor()).isEqualTo(Duration.ofSeconds(30));
        assertThat(p.limit(ContactMethodType.SMS)).isEqualTo(new SenderProperties.Limit(3, Duration.ofMinutes(1)));
        assertThat(p.limit(ContactMethodType.VOICE)).isEqualTo(new SenderProperties.Limit(1, Duration.ofMinutes(2)));
    }

    @Test
    void aPartialLimitKeepsTheOtherHalfOfItsDefault() {
        SenderProperties p = bind(Map.of("oncall.notify.sender.rate-limits.sms.messages", "5",
                "oncall.notify.sender.rate-limits.voice.per", "5m"));
        assertThat(p.limit(ContactMethodType.SMS)).isEqualTo(new SenderProperties.Limit(5, Duration.ofMinutes(1)));
        assertThat(p.limit(ContactMethodType.VOICE)).isEqualTo(new SenderProperties.Limit(1, Duration.ofMinutes(5)));
        assertThat(p.limit(ContactMethodType.PUSH)).isEqualTo(new SenderProperties.Limit(10, Duration.ofMinutes(1)));
    }

    @Test
    void handoffDefaultsBind() {
        HandoffProperties p = new Binder(new MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("oncall.notify.handoff", HandoffProperties.class);
        assertThat(p.enabled()).isFalse();
        assertThat(p.channels()).containsExactly("push", "slack", "email");
    }
}
