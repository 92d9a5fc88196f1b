package dev.oncall.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AckTokenCodecTest {
    private static final String KEY = "k".repeat(32);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private final AckTokenCodec codec = new AckTokenCodec(KEY);
    private final AckToken token = new AckToken(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
            AckAction.RESOLVE, NOW.plus(Duration.ofHours(1)));

    @Test
    void roundTripsEveryField() {
        AckTokenCodec.Checked checked = codec.decode(codec.encode(token), NOW);
        assertThat(checked.ok()).isTrue();
        assertThat(checked.token()).isEqualTo(token);
    }

    @Test
    void refusesATokenAtItsExpiry() {
        AckTokenCodec.Checked checked = codec.decode(codec.encode(token), token.expiresAt());
        assertThat(checked.problem()).isEqualTo(AckTokenCodec.Problem.EXPIRED);
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        String forged = new AckTokenCodec("x".repeat(32)).encode(token);
        assertThat(codec.decode(forged, NOW).problem()).isEqualTo(AckTokenCodec.Problem.BAD_SIGNATURE);
    }

    @Test
    void refusesATokenWhosePayloadWasChanged() {
        String text = codec.encode(token);
        AckToken other = new AckToken(token.id(), token.incidentId(), UUID.randomUUID(), token.action(),
                token.expiresAt());
        String otherPayload = codec.encode(other).split("\\.")[0];
        String spliced = otherPayload + "." + text.split("\\.")[1];
        assertThat(codec.decode(spliced, NOW).problem()).isEqualTo(AckTokenCodec.Problem.BAD_SIGNATURE);
    }

    @Test
    void refusesGarbageWithoutThrowing() {
        for (String garbage : new String[] {null, "", ".", "abc", "a.b.c", "!!!.???", "AAAA.AAAA"}) {
            assertThat(codec.decode(garbage, NOW).problem()).as(garbage).isEqualTo(AckTokenCodec.Problem.MALFORMED);
        }
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new AckTokenCodec("short")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32 bytes");
    }
}
