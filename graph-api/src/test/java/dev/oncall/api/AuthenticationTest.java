package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.oncall.api.auth.BearerAuthentication;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.token.ApiTokenRepository;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.client.WebSocketGraphQlClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.web.reactive.socket.client.StandardWebSocketClient;
import tools.jackson.databind.JsonNode;

/** Who gets in, as whom, and what they see: tokens, their lifecycle, field-level refusals, open paths. */
class AuthenticationTest extends ApiTest {
    @Autowired ApiTokenRepository tokens;
    @Autowired TeamRepository teams;
    @Autowired UserRepository users;
    @Autowired javax.sql.DataSource dataSource;

    @Test
    void requestsWithoutAValidTokenAreUnauthorized() {
        var none = post("{ serverInfo { region } }", Map.of(), null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(post("{ serverInfo { region } }", Map.of(), "oncall_nonsense").statusCode()).isEqualTo(401);
        assertThat(post("{ serverInfo { region } }", Map.of(), "not-even-ours").statusCode()).isEqualTo(401);
    }

    @Test
    void theOpenPathsNeedNoToken() {
        for (String path : new String[] {"/actuator/health", "/actuator/info", "/actuator/prometheus",
                "/calendar/cal_unknown.ics", "/ack/x", "/webhooks/x", "/integrations/x"}) {
            assertThat(get(path).statusCode()).as(path).isNotIn(401, 403);
        }
    }

    @Test
    void theBootstrapTokenActsAsTheFirstAdminAndOnlyItsHashIsStored() {
        assertThat(admin().data("{ me { handle } }").at("/me/handle").asString()).isEqualTo("admin");
        JdbcClient db = JdbcClient.create(dataSource);
        assertThat(db.sql("SELECT count(*) FROM api_tokens WHERE token_hash = :h")
                .param("h", ApiTokenRepository.hash(ADMIN_TOKEN)).query(Integer.class).single()).isEqualTo(1);
        assertThat(db.sql("SELECT count(*) FROM api_tokens WHERE token_hash = :t OR token_prefix = :t OR name = :t")
                .param("t", ADMIN_TOKEN).query(Integer.class).single()).isZero();
    }

    @Test
    void aRevokedOrExpiredTokenNoLongerWorks() {
        Crew crew = crew();
        Gql me = as(crew.token("RESPONDER"));
        JsonNode created = me.mutate("createApiToken", "token apiToken { id prefix }", Map.of("name", "laptop",
                "expiresAt", clock.instant().plus(Duration.ofHours(1)).toString()));
        String token = created.get("token").asString();
        assertThat(token).startsWith(created.at("/apiToken/prefix").asString());
        assertThat(as(token).data("{ me { id } }").at("/me/id").asString()).isEqualTo(crew.id("RESPONDER"));

        me.mutate("revokeApiToken", "apiToken { revokedAt }", Map.of("id", created.at("/apiToken/id").asString()));
        assertThat(post("{ me { id } }", Map.of(), token).statusCode()).isEqualTo(401);

        String expiring = me.mutate("createApiToken", "token", Map.of("name", "short",
                "expiresAt", clock.instant().plus(Duration.ofHours(1)).toString())).get("token").asString();
        try {
            clock.advance(Duration.ofHours(2));
            assertThat(post("{ me { id } }", Map.of(), expiring).statusCode()).isEqualTo(401);
        } finally {
            clock.set(START);
        }
    }

    @Test
    void aTeamTokenActsInItsTeamOnlyWithItsRole() {
        Crew crew = crew();
        Crew other = crew();
        String teamToken = as(crew.token("ADMIN")).mutate("createApiToken", "token", Map.of("name", "ci",
                "teamId", crew.teamId(), "role", "MANAGER")).get("token").asString();
        Gql automation = as(teamToken);

        assertThat(automation.data("{ me { id } }").get("me").isNull()).isTrue();
        assertThat(automation.data("{ teams { edges { node { id myRole } } } }").at("/teams/edges")).hasSize(1);
        automation.mutate("createSchedule", "schedule { id }", Map.of("teamId", crew.teamId(), "name", "by-ci",
                "timezone", "UTC"));
        JsonNode elsewhere = automation.attempt("createSchedule", "schedule { id }", Map.of("teamId", other.teamId(),
                "name", "x", "timezone", "UTC"));
        assertThat(elsewhere.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        JsonNode addMember = automation.attempt("createUser", "user { id }", Map.of("teamId", crew.teamId(),
                "role", "OBSERVER", "handle", unique("x"), "name", "X", "email", unique("x") + "@example.com",
                "timezone", "UTC"));
        assertThat(addMember.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void forbiddenFieldsAnswerWithAnErrorNeverData() {
        Crew crew = crew();
        Crew other = crew();
        String policy = as(crew.token("MANAGER")).mutate("createEscalationPolicy", "escalationPolicy { id }", Map.of(
                "teamId", crew.teamId(), "name", "p", "steps", java.util.List.of(Map.of("escalateAfterSeconds", 300,
                        "targets", java.util.List.of(Map.of("type", "TEAM", "id", crew.teamId()))))))
                .at("/escalationPolicy/id").asString();
        String service = as(crew.token("MANAGER")).mutate("createService", "service { id }", Map.of("teamId",
                crew.teamId(), "name", "svc", "escalationPolicyId", policy)).at("/service/id").asString();
        as(crew.token("MANAGER")).mutate("createIntegrationKey", "integrationKey { id }", Map.of("serviceId", service,
                "type", "EVENTS_V2", "name", "k"));
        as(crew.token("RESPONDER")).mutate("addContactMethod", "contactMethod { id }", Map.of("type", "SMS",
                "address", "+14155550100", "priority", 0));

        JsonNode secret = as(crew.token("OBSERVER")).run("query($id: ID!) { service(id: $id) { name integrationKeys { name secret } } }",
                Map.of("id", service));
        assertThat(secret.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(secret.toString()).doesNotContainPattern("\"secret\":\"[0-9a-f]{32}\"");
        assertThat(as(crew.token("MANAGER")).data("query($id: ID!) { service(id: $id) { integrationKeys { secret } } }",
                Map.of("id", service)).at("/service/integrationKeys/0/secret").asString()).hasSize(32);

        JsonNode phone = as(crew.token("OBSERVER")).run("query($id: ID!) { user(id: $id) { contactMethods { address } } }",
                Map.of("id", crew.id("RESPONDER")));
        assertThat(phone.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(phone.toString()).doesNotContain("+14155550100");

        JsonNode tokensOfTeam = as(crew.token("MANAGER")).run("query($id: ID!) { team(id: $id) { apiTokens { edges { node { id } } } } }",
                Map.of("id", crew.teamId()));
        assertThat(tokensOfTeam.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");

        JsonNode acrossTeams = as(other.token("ADMIN")).run("query($id: ID!) { escalationPolicy(id: $id) { name } }",
                Map.of("id", policy));
        assertThat(acrossTeams.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
        assertThat(acrossTeams.at("/data/escalationPolicy").isNull()).isTrue();
        JsonNode stranger = as(other.token("ADMIN")).run("query($id: ID!) { user(id: $id) { email } }",
                Map.of("id", crew.id("RESPONDER")));
        assertThat(stranger.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aWebSocketWithoutAValidTokenIsClosed() {
        for (String token : new String[] {null, "oncall_wrong"}) {
            WebSocketGraphQlClient.Builder<?> builder = WebSocketGraphQlClient.builder(
                    URI.create("ws://localhost:" + port + "/graphql-ws"), new StandardWebSocketClient());
            if (token != null) {
                builder.interceptor(EndToEndTest.bearer(token));
            }
            WebSocketGraphQlClient client = builder.build();
            try {
                var result = client.document("{ me { id } }").execute()
                        .map(r -> r.isValid()).onErrorReturn(false)
                        .blockOptional(Duration.ofSeconds(30));
                assertThat(result).as("token " + token).contains(false);
            } finally {
                client.stop().block(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void anOidcTokenNamesTheUserByItsEmailClaim() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        var decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        BearerAuthentication bearer = new BearerAuthentication(tokens, teams, users, clock, Optional.of(decoder), "email");
        Crew crew = crew();
        String email = users.find(UUID.fromString(crew.id("OBSERVER"))).orElseThrow().email();

        Caller caller = bearer.resolve(jwt(keys, email));

        assertThat(caller.userId()).contains(UUID.fromString(crew.id("OBSERVER")));
        assertThat(caller.roleIn(UUID.fromString(crew.teamId()))).contains(dev.oncall.core.team.Role.OBSERVER);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bearer.resolve(jwt(keys, "nobody@example.com")))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    private String jwt(KeyPair keys, String email) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
                .subject("someone").claim("email", email)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(new Date(System.currentTimeMillis() + TimeUnit.HOURS.toMillis(1)))
                .build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }
}
