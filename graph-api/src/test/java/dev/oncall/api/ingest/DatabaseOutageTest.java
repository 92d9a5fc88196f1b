package dev.oncall.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.auth.ApiTokenRepository;
import dev.oncall.store.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * While the database is down or frozen, every path that needs it answers "unavailable, try again"
 * within seconds instead of hanging or answering 500, and the running app recovers by itself
 * when the database is back; what it accepted before is there exactly once.
 */
class DatabaseOutageTest extends IngestTestBase {
    /** Loose on purpose: the documented bound is about 10 s; the point is "not for as long as the outage". */
    private static final Duration BOUND = Duration.ofSeconds(15);

    @Autowired
    ApiTokenRepository tokens;

    @Test
    void aStoppedDatabaseIsAnswered503WithRetryAfterAndTheAppRecoversWhenItIsBack() {
        List<String> accepted = acceptTwoAlerts("stopped");
        String token = tokens.createPersonal(scenario.users.getFirst(), "outage", Optional.empty(), Instant.now()).secret();
        TestInfrastructure.get().stopPostgres();
        try {
            assertUnavailable(post("/v2/enqueue", trigger("during-stop")));
            assertUnavailable(post("/integrations/alertmanager/" + scenario.alertmanagerKey.secret(), alertmanager("during-stop")));
            assertUnavailable(post("/integrations/heartbeat/some-monitor-key", ""));
            HttpResponse<String> graphql = timed(() -> send(HttpRequest.newBuilder(uri("/graphql"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"query\": \"{ teams { id } }\"}"))));
            assertThat(graphql.statusCode()).isEqualTo(503);
            assertThat(graphql.body()).contains("\"code\":\"UNAVAILABLE\"", "\"classification\":\"UNAVAILABLE\"",
                    "the database is unavailable");
        } finally {
            TestInfrastructure.get().startPostgres();
        }
        assertRecoveredWithEachAcceptedAlertOnce(accepted);
    }

    @Test
    void aFrozenDatabaseIsAnswered503WithinTheBoundInsteadOfHanging() {
        List<String> accepted = acceptTwoAlerts("frozen");
        TestInfrastructure.get().freezePostgres();
        try {
            assertUnavailable(post("/v2/enqueue", trigger("during-freeze-1")));
            // The next request meets a pool whose connections are all stuck: still bounded.
            assertUnavailable(post("/v2/enqueue", trigger("during-freeze-2")));
        } finally {
            TestInfrastructure.get().thawPostgres();
        }
        assertRecoveredWithEachAcceptedAlertOnce(accepted);
    }

    private List<String> acceptTwoAlerts(String prefix) {
        List<String> keys = List.of(prefix + "-before-1", prefix + "-before-2");
        for (String key : keys) {
            assertThat(post("/v2/enqueue", trigger(key)).statusCode()).isEqualTo(202);
        }
        return keys;
    }

    private void assertUnavailable(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(r.body()).isEqualTo("{\"status\":\"unavailable\",\"message\":"
                + "\"the database is unavailable; nothing was recorded, try again in a few seconds\"}");
    }

    /** A sender retrying after Retry-After gets 202 again from the same running app. */
    private void assertRecoveredWithEachAcceptedAlertOnce(List<String> accepted) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpResponse<String> r = post("/v2/enqueue", trigger("after"));
        while (r.statusCode() == 503 && Instant.now().isBefore(deadline)) {
            r = post("/v2/enqueue", trigger("after"));
        }
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        for (String key : accepted) {
            assertThat(alerts("dedup_key = ?", key)).as(key).isEqualTo(1);
        }
        assertThat(alerts("dedup_key LIKE 'during-%'")).isZero();
    }

    @Override
    HttpResponse<String> post(String path, String body) {
        return timed(() -> send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))));
    }

    private static HttpResponse<String> timed(Supplier<HttpResponse<String>> call) {
        Instant start = Instant.now();
        HttpResponse<String> r = call.get();
        assertThat(Duration.between(start, Instant.now())).as("answer time of " + r.uri()).isLessThan(BOUND);
        return r;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // A hanging answer fails the test instead of hanging it.
            return http.send(request.timeout(BOUND.multipliedBy(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private String trigger(String dedupKey) {
        return """
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "Disk full", "source": "db-1", "severity": "critical"}}"""
                .formatted(scenario.eventsKey.secret(), dedupKey);
    }

    private static String alertmanager(String name) {
        return """
                {"version": "4", "status": "firing", "alerts": [{"status": "firing",
                 "labels": {"alertname": "%s"}, "annotations": {}, "startsAt": "2024-01-01T00:00:00Z",
                 "fingerprint": "%s"}]}""".formatted(name, name);
    }
}
