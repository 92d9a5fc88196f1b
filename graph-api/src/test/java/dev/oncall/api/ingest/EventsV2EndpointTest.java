package dev.oncall.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.testing.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class EventsV2EndpointTest extends IngestTestBase {
    @Autowired
    IngestRateLimit rateLimit;

    String event(String action, String dedupKey, String summary) {
        return """
                {"routing_key": "%s", "event_action": "%s"%s,
                 "payload": {"summary": "%s", "source": "db-1.example.com", "severity": "critical",
                             "timestamp": "2015-07-17T08:42:58.315+0000", "component": "postgres", "group": "prod",
                             "class": "disk", "custom_details": {"free": "1%%", "mounts": ["/", "/var"]}},
                 "images": [{"src": "https://example.com/graph.png", "href": "https://example.com", "alt": "graph"}],
                 "links": [{"href": "https://example.com/runbook", "text": "runbook"}],
                 "client": "Prometheus", "client_url": "https://prometheus.example.com", "something_new": 1}"""
                .formatted(scenario.eventsKey.secret(), action,
                        dedupKey == null ? "" : ", \"dedup_key\": \"" + dedupKey + "\"", summary);
    }

    @Test
    void aTriggerIsAnsweredOnlyOnceItsAlertIncidentAndTimerAreCommitted() {
        HttpResponse<String> r = post("/v2/enqueue", event("trigger", "disk/db-1", "Disk full"));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"disk/db-1\"}");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        // Read right after the answer, on another connection: already committed.
        assertThat(alerts("dedup_key = 'disk/db-1' AND incident_id IS NOT NULL")).isEqualTo(1);
        assertThat(count("""
                SELECT count(*) FROM escalation_timers t JOIN incidents i ON i.id = t.incident_id
                WHERE i.service_id = ? AND t.region = 'eu'""", scenario.service)).isEqualTo(1);
        assertThat(db.sql("SELECT payload->'payload'->>'component' FROM alerts WHERE service_id = ?")
                .param(scenario.service).query(String.class).single()).isEqualTo("postgres");
        assertThat(db.sql("SELECT payload::text FROM alerts WHERE service_id = ?").param(scenario.service)
                .query(String.class).single()).doesNotContain(scenario.eventsKey.secret());
    }

    @Test
    void aTriggerWithoutDedupKeyGetsOneGeneratedAndReturned() {
        HttpResponse<String> r = post("/v2/enqueue", event("trigger", null, "No key"));
        assertThat(r.statusCode()).isEqualTo(202);
        String key = r.body().replaceAll(".*\"dedup_key\":\"([^\"]+)\".*", "$1");
        assertThat(key).hasSize(32);
        assertThat(alerts("dedup_key = ?", key)).isEqualTo(1);
    }

    @Test
    void triggersDeduplicateOnTheOpenAlertAndAfterResolveOpenANewOne() {
        post("/v2/enqueue", event("trigger", "cpu", "CPU high"));
        post("/v2/enqueue", event("trigger", "cpu", "CPU still high"));
        assertThat(alerts("dedup_key = 'cpu' AND event_count = 2 AND summary = 'CPU still high'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM incidents WHERE service_id = ?", scenario.service)).isEqualTo(1);

        assertThat(post("/v2/enqueue", event("acknowledge", "cpu", "x")).statusCode()).isEqualTo(202);
        assertThat(count("SELECT count(*) FROM incidents WHERE service_id = ? AND status = 'acknowledged'",
                scenario.service)).isEqualTo(1);
        assertThat(post("/v2/enqueue", event("resolve", "cpu", "x")).statusCode()).isEqualTo(202);
        assertThat(alerts("status = 'resolved'")).isEqualTo(1);

        post("/v2/enqueue", event("trigger", "cpu", "CPU high again"));
        assertThat(count("SELECT count(*) FROM incidents WHERE service_id = ?", scenario.service)).isEqualTo(2);
    }

    @Test
    void acknowledgeAndResolveOfUnknownKeysAreAcceptedAndCreateNothing() {
        assertThat(post("/v2/enqueue", event("acknowledge", "never-seen", "x")).statusCode()).isEqualTo(202);
        assertThat(post("/v2/enqueue", event("resolve", "never-seen", "x")).statusCode()).isEqualTo(202);
        assertThat(alerts("true")).isZero();
    }

    @Test
    void aServiceInMaintenanceRecordsTheAlertButPagesNobody() {
        services.setMaintenance(scenario.service, Optional.of(Instant.now().plusSeconds(3600)));
        assertThat(post("/v2/enqueue", event("trigger", "m", "During maintenance")).statusCode()).isEqualTo(202);
        assertThat(alerts("incident_id IS NULL")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM incidents WHERE service_id = ?", scenario.service)).isZero();
    }

    @Test
    void invalidEventsAre400WithEveryProblemNamedByField() {
        String key = scenario.eventsKey.secret();
        assertInvalid("not json", "body: is not valid JSON");
        assertInvalid("[1, 2]", "body: must be a JSON object");
        assertInvalid("{\"event_action\": \"trigger\"}", "routing_key: is required", "payload: is required to trigger");
        assertInvalid("{\"routing_key\": \"" + key + "\", \"event_action\": \"change\"}",
                "event_action: must be trigger, acknowledge or resolve, got \"change\"");
        assertInvalid("{\"routing_key\": \"" + key + "\", \"event_action\": \"acknowledge\"}",
                "dedup_key: is required to acknowledge");
        assertInvalid(event("trigger", "k", "x".repeat(1025)), "payload.summary: must be at most 1024 characters, got 1025");
        assertInvalid(event("trigger", "k".repeat(256), "ok"), "dedup_key: must be at most 255 characters, got 256");
        assertInvalid(event("trigger", "k", "s").replace("\"critical\"", "\"bad\""),
                "payload.severity: must be one of critical, error, warning, info, got \"bad\"");
        assertInvalid(event("trigger", "k", "s").replace("2015-07-17T08:42:58.315+0000", "yesterday"),
                "payload.timestamp: must be an ISO 8601 date-time such as 2015-07-17T08:42:58.315+0000");
        assertInvalid(event("trigger", "k", "s").replace("\"src\": \"https://example.com/graph.png\", ", ""),
                "images[0].src: is required");
        assertInvalid("{\"routing_key\": \"" + key + "\", \"event_action\": \"trigger\", "
                + "\"payload\": {\"summary\": \"s\", \"severity\": \"info\"}}", "payload.source: is required");
        assertInvalid(event("trigger", "k", "s").replace(key, "0".repeat(32)),
                "routing_key: no Events API v2 integration has this key");
        assertInvalid(event("trigger", "k", "s").replace(key, scenario.alertmanagerKey.secret()),
                "routing_key: no Events API v2 integration has this key");
        assertThat(alerts("true")).as("nothing half-written").isZero();
    }

    @Test
    void aKeyOverItsRateIsAnswered429WithRetryAfter() {
        for (int i = 0; i < 20; i++) {
            assertThat(post("/v2/enqueue", event("trigger", "burst", "Burst")).statusCode()).isEqualTo(202);
        }
        HttpResponse<String> r = post("/v2/enqueue", event("trigger", "burst", "Burst"));
        assertThat(r.statusCode()).isEqualTo(429);
        // The first of the 20 leaves the hour's window in a little under an hour.
        assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow())).isBetween(3000L, 3600L);
        assertThat(r.body()).isEqualTo("{\"status\":\"throttle exceeded\",\"message\":"
                + "\"Requests for this integration key are arriving too quickly. Please retry later.\"}");
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(alerts("event_count = 20")).isEqualTo(1);
    }

    @Test
    void anotherGraphApiOfTheRegionCountsAgainstTheSameKey() {
        acceptedByAnotherGraphApi(scenario.eventsKey, 15);
        for (int i = 0; i < 5; i++) {
            assertThat(post("/v2/enqueue", event("trigger", "shared", "Shared")).statusCode()).isEqualTo(202);
        }

        HttpResponse<String> r = post("/v2/enqueue", event("trigger", "shared", "Shared"));

        assertThat(r.statusCode()).as("20 of the key's 20 are taken, 15 by the other graph-api").isEqualTo(429);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();
        assertThat(alerts("event_count = 5")).isEqualTo(1);
    }

    @Test
    void withRedisDownEventsAreStillAcceptedUnderThisPodsOwnLimit() {
        TestInfrastructure infra = TestInfrastructure.get();
        infra.stopRedis();
        try {
            for (int i = 0; i < 20; i++) {
                HttpResponse<String> r = post("/v2/enqueue", event("trigger", "no-redis", "No Redis"));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
            }
            HttpResponse<String> r = post("/v2/enqueue", event("trigger", "no-redis", "No Redis"));

            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(alerts("event_count = 20")).isEqualTo(1);
        } finally {
            infra.startRedis();
            awaitSharedLimit();
        }
    }

    /** Other tests share this app: poll until its breaker has let Redis back in (a probe event lets it). */
    private void awaitSharedLimit() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (rateLimit.sharedUnavailable()) {
            assertThat(System.nanoTime()).as("the shared limit back within the deadline").isLessThan(deadline);
            rateLimit.acquire(UUID.randomUUID());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private void assertInvalid(String body, String... errors) {
        HttpResponse<String> r = post("/v2/enqueue", body);
        assertThat(r.statusCode()).as(body.length() > 200 ? body.substring(0, 200) : body).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":[");
        for (String e : errors) {
            assertThat(r.body()).contains(e.replace("\"", "\\\""));
        }
    }
}
