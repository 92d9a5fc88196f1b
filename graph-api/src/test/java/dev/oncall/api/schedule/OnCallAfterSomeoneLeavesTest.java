package dev.oncall.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.core.schedule.Segment;
import dev.oncall.store.oncall.BucketKey;
import dev.oncall.store.oncall.CachedBucket;
import dev.oncall.store.oncall.OnCallBuckets;
import dev.oncall.store.oncall.OnCallCache;
import dev.oncall.store.schedule.ScheduleRepository;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * On-call answers when people leave: the answer names only people who exist, and deleting a
 * person or removing them from the team takes them out of every answer at once, cached ones
 * included (the real Redis cache of the test JVM).
 */
class OnCallAfterSomeoneLeavesTest extends ApiTest {
    private static final String AT = "2026-03-02T12:00:00Z";

    @Autowired
    OnCallCache cache;

    @Autowired
    ScheduleRepository schedules;

    @Test
    void aCachedAnswerNamingSomeoneWhoNoLongerExistsAnswersTheOthers() {
        clock.set(START);
        Crew crew = crew();
        Gql manager = as(crew.token("MANAGER"));
        String alice = crew.id("MANAGER");
        String bob = crew.id("RESPONDER");
        String scheduleId = dailySchedule(manager, crew.teamId(), List.of(alice, bob), 2);
        assertThat(onCall(manager, scheduleId)).containsExactly(alice, bob);

        // The bucket as it would stand had Bob been deleted after it was cached.
        BucketKey key = warmKey(scheduleId);
        List<Segment> segments = ((CachedBucket.Present) cache.get(key).orElseThrow()).segments();
        String ghost = UUID.randomUUID().toString();
        cache.put(key, segments.stream().map(s -> new Segment(s.start(), s.end(),
                s.users().stream().map(u -> u.equals(bob) ? ghost : u).toList())).toList());

        JsonNode body = manager.run("query($id: ID!, $at: DateTime) { schedule(id: $id) { onCall(at: $at) { id } } }",
                Map.of("id", scheduleId, "at", AT));
        assertThat(body.path("errors").isMissingNode()).as(body.toString()).isTrue();
        assertThat(userIds(body.at("/data/schedule/onCall"))).containsExactly(alice);

        String policyId = manager.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of(
                "teamId", crew.teamId(), "name", unique("policy"), "steps", List.of(Map.of("escalateAfterSeconds", 300,
                        "targets", List.of(Map.of("type", "SCHEDULE", "id", scheduleId)))))).at("/escalationPolicy/id").asString();
        JsonNode who = manager.run("query($p: ID!, $at: DateTime) { whoIsOnCall(policyId: $p, at: $at) { users { id } targets { users { id } } } }",
                Map.of("p", policyId, "at", AT));
        assertThat(who.path("errors").isMissingNode()).as(who.toString()).isTrue();
        assertThat(userIds(who.at("/data/whoIsOnCall/0/users"))).containsExactly(alice);
        assertThat(userIds(who.at("/data/whoIsOnCall/0/targets/0/users"))).containsExactly(alice);
    }

    /** The cache key the last answer at {@link #AT} was stored under (the schedule's current version). */
    private BucketKey warmKey(String scheduleId) {
        UUID id = UUID.fromString(scheduleId);
        BucketKey key = new BucketKey(id, schedules.find(id).orElseThrow().version(), OnCallBuckets.start(Instant.parse(AT)));
        assertThat(cache.get(key).orElseThrow()).as("the answer is cached").isInstanceOf(CachedBucket.Present.class);
        return key;
    }

    private static List<String> onCall(Gql gql, String scheduleId) {
        return userIds(gql.data("query($id: ID!, $at: DateTime) { schedule(id: $id) { onCall(at: $at) { id } } }",
                Map.of("id", scheduleId, "at", AT)).at("/schedule/onCall"));
    }
}
