package dev.oncall.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.user.ContactMethodType;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChannelTest {
    /**
     * A notification's event records its contact method's type as the channel, and an
     * acknowledgement link names its contact method in {@code via}: the codes must be the same.
     */
    @Test
    void everyContactMethodIsTheChannelOfTheSameCode() {
        for (ContactMethodType type : ContactMethodType.values()) {
            assertThat(Channel.of(type).code()).isEqualTo(type.code());
            assertThat(Channel.parse(type.code())).contains(Channel.of(type));
        }
    }

    @Test
    void aCodeFromANewerVersionIsNoKnownKindOrChannel() {
        assertThat(IncidentEventKind.parse("pigeon_arrived")).isEmpty();
        assertThat(Channel.parse("pigeon")).isEmpty();
        assertThat(IncidentEventKind.parse("notification_sent")).contains(IncidentEventKind.NOTIFICATION_SENT);
    }

    /** An actor type a newer version wrote reads as UNKNOWN, and no stored code reads as UNKNOWN by name. */
    @Test
    void anActorTypeFromANewerVersionIsUnknown() {
        assertThat(ActorType.parse("robot")).isEqualTo(ActorType.UNKNOWN);
        assertThat(ActorType.parse("unknown")).isEqualTo(ActorType.UNKNOWN);
        assertThat(ActorType.parse(null)).isEqualTo(ActorType.UNKNOWN);
        for (ActorType known : List.of(ActorType.USER, ActorType.SYSTEM, ActorType.INTEGRATION)) {
            assertThat(ActorType.parse(known.code())).isEqualTo(known);
        }
    }
}
