package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.incident.ActorType;
import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.platform.db.Rows;
import dev.oncall.store.notify.IncidentEventLog;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The database and the code agree on what an incident event may be: the CHECK constraints of
 * incident_events list exactly the codes of {@link IncidentEventKind} and {@link Channel}, so a
 * kind cannot be added to one and forgotten in the other; and a row the reader does not know
 * (written by a newer version after its migration widened the list) is read as unknown.
 */
class IncidentEventCodesTest extends IncidentTestBase {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
    private static final Actor ACTOR = Actor.system("test");

    @Test
    void theConstraintsListExactlyTheKindsAndChannelsOfCore() {
        assertThat(allowed("incident_events_kind_check"))
                .isEqualTo(Arrays.stream(IncidentEventKind.values()).map(IncidentEventKind::code).collect(Collectors.toSet()));
        assertThat(allowed("incident_events_channel_check"))
                .isEqualTo(Arrays.stream(Channel.values()).map(Channel::code).collect(Collectors.toSet()));
        assertThat(allowed("incident_events_actor_check")).isEqualTo(Arrays.stream(ActorType.values())
                .filter(t -> t != ActorType.UNKNOWN).map(ActorType::code).collect(Collectors.toSet()));
    }

    @Test
    void everyKindOnEveryChannelIsWrittenAndReadBack() {
        UUID incident = trigger(scenario.service, "codes").incidentId().orElseThrow();
        for (IncidentEventKind kind : IncidentEventKind.values()) {
            for (Channel channel : Channel.values()) {
                assertThat(IncidentEventLog.append(store.jdbc, incident, kind, ACTOR, channel, Map.of(), clock.instant()))
                        .contains(scenario.team);
            }
        }

        List<IncidentEvent> log = reads.events(incident, 1, 1000);
        assertThat(log).hasSize(IncidentEventKind.values().length * Channel.values().length);
        assertThat(log).allSatisfy(e -> {
            assertThat(e.kind()).isPresent();
            assertThat(e.channel()).isPresent();
        });
    }

    @Test
    void theDatabaseRefusesAKindOrChannelNobodyKnows() {
        UUID incident = trigger(scenario.service, "unknown").incidentId().orElseThrow();

        assertThatThrownBy(() -> insert(incident, 2, "pigeon_arrived", "graphql")).satisfies(e -> violates(e, "kind"));
        assertThatThrownBy(() -> insert(incident, 2, "note", "pigeon")).satisfies(e -> violates(e, "channel"));
        assertThat(kinds(incident)).containsExactly("triggered");
    }

    @Test
    void aKindOrChannelFromANewerVersionIsReadAsUnknownWithItsCode() {
        UUID incident = trigger(scenario.service, "newer").incidentId().orElseThrow();
        // What the next release's migration would do before its processes write the new codes.
        store.jdbc.sql("ALTER TABLE incident_events DROP CONSTRAINT incident_events_kind_check").update();
        store.jdbc.sql("ALTER TABLE incident_events DROP CONSTRAINT incident_events_channel_check").update();
        store.jdbc.sql("ALTER TABLE incident_events DROP CONSTRAINT incident_events_actor_check").update();
        clock.advance(Duration.ofSeconds(1));
        insert(incident, 2, "pigeon_arrived", "pigeon", "carrier");
        clock.advance(Duration.ofSeconds(1));
        commands.addNote(incident, "after it", ACTOR, Channel.GRAPHQL);

        IncidentDetail detail = reads.find(incident).orElseThrow();
        assertThat(detail.events()).extracting(IncidentEvent::code).containsExactly("triggered", "pigeon_arrived", "note");
        IncidentEvent newer = detail.events().get(1);
        assertThat(newer.kind()).isEmpty();
        assertThat(newer.channel()).isEmpty();
        assertThat(newer.channelCode()).contains("pigeon");
        assertThat(newer.actor()).isEqualTo(new Actor(ActorType.UNKNOWN, "newer-worker"));
        assertThat(reads.eventsSince(scenario.team, Optional.empty(), 100).events()).extracting(IncidentEvent::code)
                .containsExactly("triggered", "pigeon_arrived", "note");
    }

    private Set<String> allowed(String constraint) {
        String definition = store.jdbc.sql("""
                        SELECT pg_get_constraintdef(oid) FROM pg_constraint
                        WHERE conrelid = 'incident_events'::regclass AND conname = :name""")
                .param("name", constraint).query(String.class).single();
        Set<String> codes = new HashSet<>();
        Matcher m = QUOTED.matcher(definition);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private void insert(UUID incident, long seq, String kind, String channel) {
        insert(incident, seq, kind, channel, "system");
    }

    private void insert(UUID incident, long seq, String kind, String channel, String actorType) {
        store.jdbc.sql("UPDATE incidents SET event_seq = :seq WHERE id = :id").param("seq", seq).param("id", incident)
                .update();
        store.jdbc.sql("""
                        INSERT INTO incident_events (incident_id, team_id, seq, kind, actor_type, actor_id, channel, data,
                                                     created_at)
                        VALUES (:i, :team, :seq, :kind, :actor, 'newer-worker', :channel, '{"pigeon": 1}', :t)""")
                .param("i", incident).param("team", scenario.team).param("seq", seq).param("kind", kind)
                .param("channel", channel).param("actor", actorType).param("t", Rows.param(clock.instant())).update();
    }

    private static void violates(Throwable e, String column) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("a database refusal").isInstanceOf(SQLException.class);
        assertThat(((SQLException) cause).getSQLState()).as("check_violation").isEqualTo("23514");
        assertThat(cause.getMessage()).contains("incident_events_" + column + "_check");
    }
}
