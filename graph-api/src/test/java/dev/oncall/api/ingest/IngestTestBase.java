package dev.oncall.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.service.IntegrationKey;
import dev.oncall.platform.PlatformProperties;
import dev.oncall.store.escalation.PolicyRepository;
import dev.oncall.platform.redis.RedisConnections;
import dev.oncall.store.schedule.Overrides;
import dev.oncall.store.schedule.Schedules;
import dev.oncall.store.service.ServiceRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.testing.IncidentScenario;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.user.ContactRepository;
import dev.oncall.store.user.UserRepository;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The running graph-api on a real database and Redis, called over HTTP as a monitoring tool
 * would: no session, no cookies, no CSRF token. Each test gets its own team, service and keys.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"oncall.ingest.rate-limit=20", "oncall.ingest.rate-period=1h",
                // Tests that stop Redis wait for the breaker to let it back in: keep that short.
                "oncall.ingest.rate-limit-breaker-open=1s",
                // Every test here calls from 127.0.0.1, many with wrong keys on purpose; OpenPathLimitsTest
                // proves the limit on unknown keys.
                "oncall.ingest.unknown-key-limit=100000"})
abstract class IngestTestBase {
    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("oncall.region", () -> "eu");
    }

    @Value("${local.server.port}")
    int port;
    @Autowired
    TeamRepository teams;
    @Autowired
    UserRepository users;
    @Autowired
    ContactRepository contacts;
    @Autowired
    Schedules schedules;
    @Autowired
    Overrides overrides;
    @Autowired
    PolicyRepository policies;
    @Autowired
    ServiceRepository services;
    @Autowired
    DataSource dataSource;
    @Autowired
    IngestProperties ingestSettings;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    IncidentScenario scenario;
    JdbcClient db;

    @BeforeEach
    void createTeam() {
        scenario = new IncidentScenario(new IncidentScenario.Repositories(teams, users, contacts, schedules,
                overrides, policies, services), 0, Duration.ofMinutes(5), Optional.empty());
        db = JdbcClient.create(dataSource);
    }

    HttpResponse<String> post(String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another graph-api of the region (its own limiter and Redis connection) accepts {@code events} for the key. */
    void acceptedByAnotherGraphApi(IntegrationKey key, int events) {
        try (RedisConnections redis = new RedisConnections(new PlatformProperties.Redis(TestInfrastructure.get().redisUrl(),
                Duration.ofSeconds(2)))) {
            IngestRateLimit otherPod = new IngestRateLimit(ingestSettings, redis, Clock.systemUTC(), new SimpleMeterRegistry());
            for (int i = 0; i < events; i++) {
                assertThat(otherPod.acquire(key.id()).admitted()).as("event %d on the other graph-api", i + 1).isTrue();
            }
        }
    }

    int count(String sql, Object... params) {
        return db.sql(sql).params(List.of(params)).query(Integer.class).single();
    }

    /** Counts rows of this test's service only (the database is shared by the test class). */
    int alerts(String where, Object... params) {
        Object[] all = new Object[params.length + 1];
        all[0] = scenario.service;
        System.arraycopy(params, 0, all, 1, params.length);
        return count("SELECT count(*) FROM alerts WHERE service_id = ? AND " + where, all);
    }
}
