package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Crew.Person;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import dev.oncall.acceptance.system.Poll;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Something rewrites the on-call cache behind the system's back, so it names the wrong person.
 * The auditor notices on its next pass: it pages the operators through their self-monitoring
 * service (an incident anyone can see, and a page on the operators' webhook), repairs the cache
 * so the right person is answered again, and resolves the incident on a later pass.
 */
@ExtendWith(InstallationExtension.class)
class AuditorPagesAboutACorruptedCacheStory {

    @Test
    void aCorruptedCacheEntryBecomesAVisibleIncidentIsRepairedAndResolves(Installation system) {
        Crew crew = Crew.of(system, "Search", List.of("gina", "hank"), "ivan", List.of());
        Person onCall = crew.onCallNow().getFirst();
        Person other = crew.people.values().stream()
                .filter(p -> p.role().equals("RESPONDER") && !p.equals(onCall)).findFirst().orElseThrow();

        int corrupted = corrupt(system, crew.scheduleId, onCall.id(), other.id());
        // The auditor passes every 2 s: whether a read sees the wrong answer first is a race, so
        // the story looks at what the auditor does about it.
        assertThat(corrupted).as("cached answers of the schedule").isPositive();

        JsonNode incident = Poll.value("the auditor's incident on the self-monitoring service", () -> selfMonitoring(system)
                .filter(i -> i.get("title").asString().contains(crew.scheduleId)).findFirst());
        assertThat(incident.get("title").asString()).contains("On-call cache");
        Poll.until("the operators paged", () -> system.webhooks().received("operators").stream()
                .anyMatch(p -> p.at("/incidents/0/id").asString().equals(incident.get("id").asString())));
        assertThat(crew.onCallNow()).as("repaired").containsExactly(onCall);

        Poll.until("the incident resolved by a later pass", () -> system.admin()
                .data("query($id: ID!) { incident(id: $id) { status } }", Map.of("id", incident.get("id").asString()))
                .at("/incident/status").asString().equals("RESOLVED"));
    }

    /** Rewrites every cached entry that mentions the schedule so it names {@code to} instead of {@code from}. */
    private static int corrupt(Installation system, String scheduleId, String from, String to) {
        RedisClient client = RedisClient.create(system.redisUrl());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            List<String> keys = new ArrayList<>();
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches("*" + scheduleId + "*").limit(500));
                keys.addAll(page.getKeys());
                cursor = page;
            } while (!cursor.isFinished());
            int changed = 0;
            for (String key : keys) {
                String value = redis.get(key);
                if (value != null && value.contains(from)) {
                    redis.set(key, value.replace(from, to));
                    changed++;
                }
            }
            return changed;
        } finally {
            client.shutdown();
        }
    }

    private static Stream<JsonNode> selfMonitoring(Installation system) {
        return system.admin().data("""
                        query($id: ID!) { service(id: $id) { incidents(first: 50) { edges { node { id title status } } } } }""",
                        Map.of("id", system.selfMonitoringServiceId())).at("/service/incidents/edges").valueStream()
                .map(e -> e.get("node"));
    }
}
