package dev.oncall.api.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.core.schedule.Segment;
import dev.oncall.core.user.UserRef;
import dev.oncall.store.oncall.BucketKey;
import dev.oncall.store.oncall.CachedBucket;
import dev.oncall.store.oncall.OnCallBuckets;
import dev.oncall.store.oncall.OnCallCache;
import dev.oncall.store.schedule.Schedules;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
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
    Schedules schedules;

    /** A fresh team: Alice (its manager) and Bob (a responder) are the people of every schedule here. */
    private Crew crew;
    private Gql manager;
    private String alice;
    private String bob;

    @BeforeEach
    void crewAtStart() {
        clock.set(START);
        crew = crew();
        manager = as(crew.token("MANAGER"));
        alice = crew.id("MANAGER");
        bob = crew.id("RESPONDER");
    }

    @Test
    void aCachedAnswerNamingSomeoneWhoNoLongerExistsAnswersTheOthers() {
        String scheduleId = dailySchedule(manager, crew.teamId(), List.of(alice, bob), 2);
        assertThat(onCall(scheduleId)).containsExactly(alice, bob);

        // The bucket as it would stand had Bob been deleted after it was cached.
        BucketKey key = warmKey(scheduleId);
        List<Segment> segments = ((CachedBucket.Present) cache.get(key).orElseThrow()).segments();
        UserRef ghost = UserRef.of(UUID.randomUUID());
        cache.put(key, segments.stream().map(s -> new Segment(s.start(), s.end(),
                s.users().stream().map(u -> u.equals(UserRef.of(bob)) ? ghost : u).toList())).toList());

        JsonNode body = manager.run("query($id: ID!, $at: DateTime) { schedule(id: $id) { onCall(at: $at) { id } } }",
                Map.of("id", scheduleId, "at", AT));
        assertThat(body.path("errors").isMissingNode()).as(body.toString()).isTrue();
        assertThat(userIds(body.at("/data/schedule/onCall"))).containsExactly(alice);

        String policyId = oneStepPolicy(Map.of("type", "SCHEDULE", "id", scheduleId));
        JsonNode who = manager.run("query($p: ID!, $at: DateTime) { whoIsOnCall(policyId: $p, at: $at) { users { id } targets { users { id } } } }",
                Map.of("p", policyId, "at", AT));
        assertThat(who.path("errors").isMissingNode()).as(who.toString()).isTrue();
        assertThat(userIds(who.at("/data/whoIsOnCall/0/users"))).containsExactly(alice);
        assertThat(userIds(who.at("/data/whoIsOnCall/0/targets/0/users"))).containsExactly(alice);
    }

    @Test
    void deletingSomeoneOnCallTakesThemOutOfTheNextAnswerThoughItWasCached() {
        String scheduleId = dailySchedule(manager, crew.teamId(), List.of(alice, bob), 1);
        assertThat(onCall(scheduleId)).containsExactly(bob);
        BucketKey warm = warmKey(scheduleId);

        admin().mutate("deleteUser", "deletedId", Map.of("id", bob));

        assertThat(onCall(scheduleId)).containsExactly(alice);
        assertThat(schedules.find(warm.scheduleId()).orElseThrow().version()).isGreaterThan(warm.version());
        JsonNode layers = manager.data("query($id: ID!) { schedule(id: $id) { layers { participants { id } } } }",
                Map.of("id", scheduleId)).at("/schedule/layers/0/participants");
        assertThat(userIds(layers)).containsExactly(alice);
    }

    @Test
    void someoneRemovedFromTheTeamIsNeitherOnCallNorPagedByItAnyMore() {
        String scheduleId = dailySchedule(manager, crew.teamId(), List.of(alice, bob), 1);
        String policyId = oneStepPolicy(Map.of("type", "USER", "id", bob), Map.of("type", "SCHEDULE", "id", scheduleId));
        assertThat(whoIsOnCall(policyId)).containsExactly(bob);
        warmKey(scheduleId);

        as(crew.token("ADMIN")).mutate("removeMember", "deletedId", Map.of("teamId", crew.teamId(), "userId", bob));

        assertThat(onCall(scheduleId)).containsExactly(alice);
        assertThat(whoIsOnCall(policyId)).containsExactly(alice);
    }

    @Test
    void removingSomeoneALayerCannotDoWithoutIsRefusedAndSaysWhy() {
        dailySchedule(manager, crew.teamId(), List.of(bob), 1);

        JsonNode refused = as(crew.token("ADMIN")).attempt("removeMember", "deletedId",
                Map.of("teamId", crew.teamId(), "userId", bob)).at("/data/removeMember");

        assertThat(refused.get("deletedId").isNull()).isTrue();
        assertThat(refused.at("/userErrors/0/field").asString()).isEqualTo("input.userId");
        assertThat(refused.at("/userErrors/0/message").asString()).startsWith("is the only participant of layer \"daily\"");
    }

    @SafeVarargs
    private String oneStepPolicy(Map<String, Object>... targets) {
        return manager.mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of("teamId", crew.teamId(),
                "name", unique("policy"), "steps", List.of(Map.of("escalateAfterSeconds", 300, "targets", List.of(targets)))))
                .at("/escalationPolicy/id").asString();
    }

    private List<String> whoIsOnCall(String policyId) {
        return userIds(manager.data("query($p: ID!, $at: DateTime) { whoIsOnCall(policyId: $p, at: $at) { users { id } } }",
                Map.of("p", policyId, "at", AT)).at("/whoIsOnCall/0/users"));
    }

    /** The cache key the last answer at {@link #AT} was stored under (the schedule's current version). */
    private BucketKey warmKey(String scheduleId) {
        UUID id = UUID.fromString(scheduleId);
        BucketKey key = new BucketKey(id, schedules.find(id).orElseThrow().version(), OnCallBuckets.start(Instant.parse(AT)));
        assertThat(cache.get(key).orElseThrow()).as("the answer is cached").isInstanceOf(CachedBucket.Present.class);
        return key;
    }

    private List<String> onCall(String scheduleId) {
        return userIds(manager.data("query($id: ID!, $at: DateTime) { schedule(id: $id) { onCall(at: $at) { id } } }",
                Map.of("id", scheduleId, "at", AT)).at("/schedule/onCall"));
    }
}
