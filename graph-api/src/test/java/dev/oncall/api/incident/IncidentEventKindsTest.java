package dev.oncall.api.incident;

import static dev.oncall.api.incident.UpdateStreams.kinds;
import static dev.oncall.api.incident.UpdateStreams.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.Channel;
import dev.oncall.platform.db.Rows;
import dev.oncall.store.incident.Actor;
import dev.oncall.store.notify.Failure;
import dev.oncall.store.notify.Intent;
import dev.oncall.store.notify.NotificationStore;
import dev.oncall.store.notify.Receipts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Every kind of event the system writes reaches both readers, {@code incident { events }} and
 * {@code incidentUpdates}: the notification events the senders append (issue 12: from the first
 * page sent on, the incident answered INTERNAL_ERROR and the team's stream stalled for good), and
 * a kind this version does not know, written by a newer one during a rolling upgrade.
 */
class IncidentEventKindsTest extends TeamStreamTestBase {
    private static final String EVENTS = """
            query($id: ID!) { incident(id: $id) { events(first: 100) { edges { node {
              seq kind code channel data actor { type id } } } } } }""";

    @Autowired NotificationStore notifications;
    @Autowired Receipts receipts;

    @Test
    void pagesSentDeliveredAndFailedAreReadAndStreamed() throws Exception {
        BlockingQueue<JsonNode> live = streams.subscribe(null);
        awaitLive(List.of(live));
        UUID incident = trigger(service, "disk/db-1");
        fireDue(incident);
        String afterTrigger = next(live, 3).getFirst().get("cursor").asString();

        // The responder's email goes out and is delivered; the manager's, a step later, fails.
        List<Intent> first = claim(incident);
        notifications.markSent(first, "worker-1", "smtp", "msg-1", UUID.randomUUID(), 1, clock.instant());
        receipts.record("smtp", "msg-1", "delivered", Receipts.Outcome.DELIVERED, clock.instant());
        clock.advance(Duration.ofMinutes(5));
        fireDue(incident);
        notifications.markFailed(claim(incident), "worker-1", "smtp", Failure.PERMANENT, "mailbox unavailable", 1,
                clock.instant());

        List<String> expected = List.of("TRIGGERED", "STEP_FIRED", "INTENT_CREATED", "NOTIFICATION_SENT",
                "NOTIFICATION_DELIVERED", "STEP_FIRED", "INTENT_CREATED", "NOTIFICATION_FAILED");
        assertThat(kinds(next(live, 5))).containsExactlyElementsOf(expected.subList(3, 8));
        BlockingQueue<JsonNode> resumed = streams.subscribe(afterTrigger);
        assertThat(kinds(next(resumed, 7))).containsExactlyElementsOf(expected.subList(1, 8));

        JsonNode body = as(crew.token("OBSERVER")).run(EVENTS, Map.of("id", incident));
        assertThat(body.path("errors").isMissingNode()).as(body.toString()).isTrue();
        JsonNode log = body.at("/data/incident/events/edges");
        assertThat(log.findValues("kind")).extracting(JsonNode::asString).containsExactlyElementsOf(expected);
        JsonNode sent = log.get(3).get("node");
        assertThat(sent.get("channel").asString()).isEqualTo("EMAIL");
        assertThat(sent.at("/actor/type").asString()).isEqualTo("SYSTEM");
        assertThat(sent.at("/data/user_id").asString()).isEqualTo(crew.id("RESPONDER"));
        assertThat(sent.at("/data/provider_message_id").asString()).isEqualTo("msg-1");
        assertThat(log.get(7).at("/node/data/failure").asString()).isEqualTo("permanent");
    }

    @Test
    void aKindFromANewerVersionIsDeliveredAsUnknownAndTheEventsAfterItFollow() throws Exception {
        BlockingQueue<JsonNode> live = streams.subscribe(null);
        awaitLive(List.of(live));
        UUID incident = trigger(service, "newer");
        String afterTrigger = next(live, 1).getFirst().get("cursor").asString();
        Map<String, String> constraints = dropCodeConstraints();
        try {
            // A worker of the next release, whose migration widened the lists, writes a kind this
            // graph-api has never heard of; then something it knows happens.
            clock.advance(Duration.ofSeconds(1));
            db().sql("UPDATE incidents SET event_seq = 2 WHERE id = :i").param("i", incident).update();
            db().sql("""
                            INSERT INTO incident_events (incident_id, team_id, seq, kind, actor_type, actor_id, channel,
                                                         data, created_at)
                            VALUES (:i, :team, 2, 'pigeon_arrived', 'system', 'notifier', 'pigeon',
                                    '{"ring": "A-17"}', :t)""")
                    .param("i", incident).param("team", UUID.fromString(crew.teamId()))
                    .param("t", Rows.param(clock.instant())).update();
            clock.advance(Duration.ofSeconds(1));
            commands.addNote(incident, "after the pigeon", Actor.system("test"), Channel.GRAPHQL);

            List<JsonNode> seen = next(live, 2);
            List<JsonNode> missed = next(streams.subscribe(afterTrigger), 2);
            for (List<JsonNode> updates : List.of(seen, missed)) {
                assertThat(kinds(updates)).containsExactly("UNKNOWN", "NOTE");
                JsonNode newer = updates.getFirst().get("event");
                assertThat(newer.get("code").asString()).isEqualTo("pigeon_arrived");
                assertThat(newer.get("channel").asString()).isEqualTo("UNKNOWN");
                assertThat(newer.at("/data/ring").asString()).isEqualTo("A-17");
                assertThat(updates.get(1).at("/event/data/note").asString()).isEqualTo("after the pigeon");
            }
            JsonNode body = as(crew.token("OBSERVER")).run(EVENTS, Map.of("id", incident));
            assertThat(body.path("errors").isMissingNode()).as(body.toString()).isTrue();
            JsonNode log = body.at("/data/incident/events/edges");
            assertThat(log.findValues("kind")).extracting(JsonNode::asString).containsExactly("TRIGGERED", "UNKNOWN", "NOTE");
            assertThat(log.findValues("code")).extracting(JsonNode::asString)
                    .containsExactly("triggered", "pigeon_arrived", "note");
        } finally {
            db().sql("DELETE FROM incident_events WHERE incident_id = :i AND seq = 2").param("i", incident).update();
            constraints.forEach((name, definition) -> db().sql(
                    "ALTER TABLE incident_events ADD CONSTRAINT " + name + " " + definition).update());
        }
    }

    /**
     * Drops the CHECKs on incident_events' kind and channel in the database every API test shares
     * (as a newer migration would widen them), returning their definitions to put back.
     */
    private Map<String, String> dropCodeConstraints() {
        Map<String, String> definitions = new LinkedHashMap<>();
        for (String name : List.of("incident_events_kind_check", "incident_events_channel_check")) {
            definitions.put(name, db().sql("""
                            SELECT pg_get_constraintdef(oid) FROM pg_constraint
                            WHERE conrelid = 'incident_events'::regclass AND conname = :name""")
                    .param("name", name).query(String.class).single());
            db().sql("ALTER TABLE incident_events DROP CONSTRAINT " + name).update();
        }
        return definitions;
    }

    /** Claims the incident's due intents as a sender would (in a region of their own, so no other test's are taken). */
    private List<Intent> claim(UUID incident) {
        String region = "kinds-" + UUID.randomUUID();
        db().sql("UPDATE notification_attempts SET region = :r WHERE incident_id = :i AND state = 'pending'")
                .param("r", region).param("i", incident).update();
        List<Intent> claimed = notifications.claim(region, "worker-1", clock.instant(), Duration.ofMinutes(1), 10);
        assertThat(claimed).hasSize(1);
        return claimed;
    }
}
