package dev.oncall.core.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UserRefTest {
    @Test
    void anIdAndItsTextAreTheSameReference() {
        UUID id = UUID.fromString("8c3c4b3e-2f0a-4b8e-9a43-6f1d2e5a7b90");
        assertThat(UserRef.of(id)).isEqualTo(UserRef.of("8c3c4b3e-2f0a-4b8e-9a43-6f1d2e5a7b90"));
        assertThat(UserRef.of(id).asUuid()).contains(id);
        assertThat(UserRef.of(id).requireUuid()).isEqualTo(id);
        assertThat(UserRef.of(id)).hasToString("8c3c4b3e-2f0a-4b8e-9a43-6f1d2e5a7b90");
    }

    @Test
    void aHandleIsNoIdAndSaysSoWhereAnIdIsRequired() {
        assertThat(UserRef.of("alice").asUuid()).isEmpty();
        assertThatThrownBy(() -> UserRef.of("alice").requireUuid())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("\"alice\" is not an id");
    }

    @Test
    void aReferenceIsNeverBlank() {
        assertThatThrownBy(() -> UserRef.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> UserRef.of((String) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void referencesSortAsTheirText() {
        List<UserRef> sorted = Stream.of("b", "B", "a10", "a2").map(UserRef::of).sorted().toList();
        assertThat(sorted).extracting(UserRef::value).containsExactly("B", "a10", "a2", "b");
    }
}
