package dev.oncall.api.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.api.graphql.ApiException;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.incident.IncidentEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IncidentStreamTest {
    private static final Instant T = Instant.parse("2026-03-02T08:00:00Z");
    private static final UUID TEAM = UUID.randomUUID();

    @Test
    void eachIncidentsEventsGoOutInSeqOrderEvenWhenALaterOneCarriesAnEarlierTime() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        // a's seq 3 read the clock before seq 2 committed (it waited for the incident row).
        List<IncidentEvent> read = List.of(event(a, 2, T.plusMillis(5)), event(b, 1, T.plusMillis(3)),
                event(a, 3, T.plusMillis(1)), event(a, 4, T.plusMillis(5)));

        List<IncidentEvent> ordered = IncidentStream.inOrder(read);

        assertThat(ordered).extracting(IncidentEvent::seq).containsExactly(2L, 1L, 3L, 4L);
        assertThat(ordered).extracting(IncidentEvent::incidentId).containsExactly(a, b, a, a);
        assertThat(ordered.stream().filter(e -> e.incidentId().equals(a)).map(IncidentEvent::seq))
                .containsExactly(2L, 3L, 4L);
    }

    @Test
    void aCursorCarriesItsSettledInstantAndDeliveredIdsExactly() {
        List<UUID> ids = List.of(UUID.randomUUID(), new UUID(-1L, -1L), new UUID(0, 0));
        StreamCursor cursor = StreamCursor.of(T.plusNanos(123_000), ids);

        StreamCursor back = StreamCursor.decode("after", cursor.encode());

        assertThat(back).isEqualTo(cursor);
        assertThat(StreamCursor.decode("after", StreamCursor.of(T, List.of()).encode()).delivered()).isEmpty();
    }

    @Test
    void aCursorTheServerDidNotIssueIsRefusedOnItsArgument() {
        String valid = StreamCursor.of(T, List.of(UUID.randomUUID())).encode();
        for (String bad : List.of("", "not base64!", "bm9wZQ", valid.substring(0, valid.length() - 3), "A" + valid)) {
            assertThatThrownBy(() -> StreamCursor.decode("after", bad)).as(bad).isInstanceOf(ApiException.class)
                    .hasMessage("after is not a cursor incidentUpdates returned");
        }
    }

    private static IncidentEvent event(UUID incident, long seq, Instant at) {
        return new IncidentEvent(UUID.randomUUID(), incident, TEAM, seq, IncidentEventKind.NOTE.code(), Actor.system("test"),
                Optional.empty(), "{}", at);
    }
}
