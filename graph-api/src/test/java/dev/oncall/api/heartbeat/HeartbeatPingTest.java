package dev.oncall.api.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.heartbeat.HeartbeatMonitor;
import dev.oncall.core.heartbeat.HeartbeatState;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.user.User;
import dev.oncall.store.audit.AuditRun;
import dev.oncall.store.audit.AuditRuns;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.store.heartbeat.HeartbeatMonitorRepository;
import dev.oncall.store.oncall.CachedOnCallLookup;
import dev.oncall.store.oncall.OnCallLookup;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.user.UserRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Pings over HTTP as a cron job sends them, and the audit verdict on /actuator/prometheus. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HeartbeatPingTest {
    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("oncall.region", () -> "ping-region");
    }

    @Value("${local.server.port}")
    int port;
    @Autowired
    HeartbeatMonitorRepository monitors;
    @Autowired
    UserRepository users;
    @Autowired
    TeamRepository teams;
    @Autowired
    PolicyRepository policies;
    @Autowired
    ServiceRepository services;
    @Autowired
    AuditRuns auditRuns;
    @Autowired
    Clock clock;
    @Autowired
    OnCallLookup onCall;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPingWithTheMonitorsKeyMakesItHealthyAndAnUnknownKeyIs404() throws Exception {
        User ann = users.create("ann-" + UUID.randomUUID(), "Ann", UUID.randomUUID() + "@example.com", "UTC");
        UUID team = teams.createWithAdmin("ops-" + UUID.randomUUID(), "", ann.id()).id();
        UUID policy = policies.create(team, "p", "", 0, List.of(new EscalationStep(Duration.ofMinutes(5),
                List.of(new StepTarget(TargetType.USER, ann.id()))))).id();
        UUID service = services.create(team, "backups", "", policy, Urgency.HIGH, Optional.empty()).id();
        HeartbeatMonitor m = monitors.create(service, "nightly", Duration.ofMinutes(30), clock.instant());

        HttpResponse<String> ok = post("/integrations/heartbeat/" + m.secret());
        HttpResponse<String> unknown = post("/integrations/heartbeat/0123456789abcdef0123456789abcdef");

        assertThat(ok.statusCode()).isEqualTo(202);
        assertThat(ok.body()).contains("\"status\":\"ok\"").contains("next_ping_due_at");
        assertThat(monitors.find(m.id()).orElseThrow().state()).isEqualTo(HeartbeatState.HEALTHY);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"field\":\"key\"").doesNotContain("Exception");
    }

    @Test
    void theApiAnswersOnCallQuestionsThroughTheRedisCache() {
        assertThat(onCall).isInstanceOf(CachedOnCallLookup.class);
    }

    @Test
    void theLatestAuditRunOfThisRegionIsExportedToPrometheus() throws Exception {
        Instant finished = Instant.parse("2026-05-04T08:00:03Z");
        auditRuns.record(new AuditRun("ping-region", finished.minusSeconds(3), finished, 10, 2, 1, 1, false));
        auditRuns.record(new AuditRun("elsewhere", finished, finished, 10, 7, 1, 1, false));

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus"))
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body();

        assertThat(metrics).contains("oncall_audit_last_run_mismatches 2.0")
                .contains("oncall_audit_last_run_timestamp_seconds " + (double) finished.getEpochSecond());
    }
}
