package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.store.testing.MutableClock;
import dev.oncall.store.testing.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The graph-api running for real on a random port over the test JVM's PostgreSQL and Redis,
 * with a clock tests move. Every API test class extends this, so they share one Spring context
 * and one database: each test makes its own team (names made unique), never relying on a clean slate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "oncall.region=test-region",
        // Live SSE/WebSocket streams must not hold the test JVM for the graceful-shutdown grace period.
        "server.shutdown=immediate",
        "oncall.api.subscription-poll=20ms",
        "oncall.api.incident-updates.poll=200ms",
        "oncall.api.max-request-size=64KB",
        "oncall.ack.public-url=http://calendar.example",
        "oncall.notify.webhook.encryption-key=graph-api-test-webhook-encryption-key-0123",
        "oncall.bootstrap.admin-token=" + ApiTest.ADMIN_TOKEN,
        // Tests move the clock across days and months; the bootstrap token must outlive them.
        "oncall.bootstrap.admin-token-ttl=" + ApiTest.ADMIN_TOKEN_TTL})
@Import(ApiTest.TestBeans.class)
public abstract class ApiTest {
    /** The bootstrap admin's token, as an operator would configure it. */
    public static final String ADMIN_TOKEN = "oncall_bootstrap-admin-token-for-the-test-suite-0123456789";
    public static final String ADMIN_TOKEN_TTL = "3650d";
    public static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @TestConfiguration
    static class TestBeans {
        @Bean
        MutableClock clock() {
            return new MutableClock(START);
        }

        /** Names tests make resolve where they need; others resolve as usual. */
        @Bean
        TestDns testDns() {
            return new TestDns();
        }

        @Bean
        static SqlLog.Wrapper sqlLog() {
            return new SqlLog.Wrapper();
        }
    }

    @LocalServerPort
    protected int port;

    @Autowired
    protected MutableClock clock;

    @Autowired
    private dev.oncall.api.auth.ApiTokenRepository tokens;

    @Autowired
    private dev.oncall.store.user.UserRepository people;

    /** A personal token for {@code userId}, as they would create for themselves. */
    protected String tokenFor(String userId) {
        return tokens.createPersonal(UUID.fromString(userId), "test", java.util.Optional.empty(), clock.instant()).secret();
    }

    /**
     * A person of no team holding {@code role} in the installation, with a token: an installation
     * admin who is nobody's teammate, or a user who is about to be invited somewhere.
     */
    protected Someone someone(dev.oncall.core.installation.InstallationRole role) {
        String handle = unique("someone");
        UUID id = people.create(handle, "Someone", handle + "@example.com", "UTC").id();
        people.setInstallationRole(id, role);
        return new Someone(id.toString(), handle, handle + "@example.com", tokenFor(id.toString()));
    }

    /** A person made by {@link #someone}. */
    public record Someone(String id, String handle, String email, String token) {}

    /**
     * A team with an admin (who is not the bootstrap admin) and a person in each other role, each
     * with a token. All are plain installation users, as most people are: the installation's
     * owner (the bootstrap admin) made the team and them.
     */
    protected Crew crew() {
        Gql boot = admin();
        String teamId = boot.mutate("createTeam", "team { id }", Map.of("name", unique("team"))).at("/team/id").asString();
        Map<String, String> ids = new java.util.LinkedHashMap<>();
        Map<String, String> tokensByRole = new java.util.LinkedHashMap<>();
        for (String role : new String[] {"ADMIN", "MANAGER", "RESPONDER", "OBSERVER"}) {
            String handle = unique(role.toLowerCase(java.util.Locale.ROOT));
            String id = boot.mutate("createUser", "user { id }", Map.of("teamId", teamId, "role", role, "handle", handle,
                    "name", role + " person", "email", handle + "@example.com", "timezone", "UTC")).at("/user/id").asString();
            ids.put(role, id);
            tokensByRole.put(role, tokenFor(id));
        }
        return new Crew(teamId, ids, tokensByRole);
    }

    /** A new automation token of the crew's team with {@code role}, made by the team's admin. */
    protected String teamToken(Crew crew, String role) {
        return as(crew.token("ADMIN")).mutate("createApiToken", "token", Map.of("name", unique("ci"),
                "teamId", crew.teamId(), "role", role)).get("token").asString();
    }

    /** A team and its people by role: ids and tokens. */
    public record Crew(String teamId, Map<String, String> ids, Map<String, String> tokens) {
        public String id(String role) {
            return ids.get(role);
        }

        public String token(String role) {
            return tokens.get(role);
        }
    }

    protected final HttpClient http = HttpClient.newHttpClient();

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** A GraphQL client acting with {@code token}. */
    protected Gql as(String token) {
        return new Gql(this, token);
    }

    protected Gql admin() {
        return as(ADMIN_TOKEN);
    }

    protected static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A UTC schedule of one daily layer from 2026-03-01 of {@code participants}, {@code perShift}
     * of them at a time, made by {@code manager}; returns its id.
     */
    protected static String dailySchedule(Gql manager, String teamId, List<String> participants, int perShift) {
        return manager.mutate("createSchedule", "schedule { id }", Map.of("teamId", teamId,
                "name", unique("daily"), "timezone", "UTC", "layers", List.of(Map.of("name", "daily",
                        "start", "2026-03-01T00:00", "rotation", Map.of("type", "DAILY", "length", 1),
                        "participants", participants, "usersPerShift", perShift))))
                .at("/schedule/id").asString();
    }

    /** The ids of a list of users ({@code [{id}]}), in order. */
    protected static List<String> userIds(JsonNode users) {
        List<String> out = new java.util.ArrayList<>();
        users.forEach(u -> out.add(u.get("id").asString()));
        return out;
    }

    /** A GraphQL caller over real HTTP. */
    public record Gql(ApiTest test, String token) {
        /** Runs an operation and returns the whole response body. */
        public JsonNode run(String query, Map<String, Object> variables) {
            HttpResponse<String> response = test.post(query, variables, token);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return JSON.readTree(response.body());
        }

        public JsonNode run(String query) {
            return run(query, Map.of());
        }

        /** Runs an operation that must succeed without errors and returns its data. */
        public JsonNode data(String query, Map<String, Object> variables) {
            JsonNode body = run(query, variables);
            assertThat(body.path("errors").isMissingNode()).as(body.toString()).isTrue();
            return body.get("data");
        }

        public JsonNode data(String query) {
            return data(query, Map.of());
        }

        /** Runs a mutation that must succeed without userErrors; returns its payload. */
        public JsonNode mutate(String field, String selection, Map<String, Object> input) {
            JsonNode payload = data("mutation($input: " + inputType(field) + "!) { " + field + "(input: $input) { "
                    + selection + " userErrors { field message } } }", Map.of("input", input)).get(field);
            assertThat(payload.get("userErrors")).as(payload.toString()).isEmpty();
            return payload;
        }

        /** Runs a mutation and returns its payload, errors and all. */
        public JsonNode attempt(String field, String selection, Map<String, Object> input) {
            return run("mutation($input: " + inputType(field) + "!) { " + field + "(input: $input) { "
                    + selection + " userErrors { field message } } }", Map.of("input", input));
        }

        private static String inputType(String field) {
            return Character.toUpperCase(field.charAt(0)) + field.substring(1) + "Input";
        }
    }

    protected HttpResponse<String> post(String query, Map<String, Object> variables, String token) {
        String body = JSON.writeValueAsString(Map.of("query", query, "variables", variables));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url("/graphql")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
