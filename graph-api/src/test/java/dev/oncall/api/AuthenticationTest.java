package dev.oncall.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.oncall.api.auth.BearerAuthentication;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.auth.ApiTokenRepository;
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
    void theBootstrapTokenExpiresAfterItsTtl() {
        JdbcClient db = JdbcClient.create(dataSource);
        var lifetime = db.sql("SELECT created_at, expires_at FROM api_tokens WHERE token_hash = :h")
                .param("h", ApiTokenRepository.hash(ADMIN_TOKEN))
                .query((rs, n) -> Duration.between(rs.getObject(1, java.time.OffsetDateTime.class),
                        rs.getObject(2, java.time.OffsetDateTime.class))).single();
        assertThat(lifetime).isEqualTo(Duration.ofDays(3650));
        try {
            clock.set(START.plus(Duration.ofDays(3651)));
            assertThat(post("{ me { id } }", Map.of(), ADMIN_TOKEN).statusCode()).isEqualTo(401);
        } finally {
            clock.set(START);
        }
        assertThat(admin().data("{ me { handle } }").at("/me/handle").asString()).isEqualTo("admin");
    }

    @Test
    void theBootstrapTokenLastsADayUnlessConfigured() {
        var bound = new org.springframework.boot.context.properties.bind.Binder(
                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(Map.of()))
                .bindOrCreate("oncall.bootstrap", dev.oncall.api.bootstrap.BootstrapProperties.class);
        assertThat(bound.adminTokenTtl()).isEqualTo(Duration.ofHours(24));
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
        assertThat(elsewhere.at("/data/createSchedule/userErrors/0/message").asString()).isEqualTo("no such team");
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

        // Another team's things answer as things that do not exist (ForeignIdsTest).
        JsonNode acrossTeams = as(other.token("ADMIN")).run("query($id: ID!) { escalationPolicy(id: $id) { name } }",
                Map.of("id", policy));
        assertThat(acrossTeams.at("/errors/0/extensions/classification").asString()).isEqualTo("NOT_FOUND");
        assertThat(acrossTeams.at("/data/escalationPolicy").isNull()).isTrue();
        JsonNode stranger = as(other.token("ADMIN")).run("query($id: ID!) { user(id: $id) { email } }",
                Map.of("id", crew.id("RESPONDER")));
        assertThat(stranger.at("/errors/0/extensions/classification").asString()).isEqualTo("NOT_FOUND");
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

    private static final String AUDIENCE = "oncall-test-client";

    @Test
    void anOidcTokenNamesTheUserByItsEmailClaim() throws Exception {
        KeyPair keys = rsaKeys();
        BearerAuthentication bearer = oidc(keys);
        Crew crew = crew();
        String email = users.find(UUID.fromString(crew.id("OBSERVER"))).orElseThrow().email();

        Caller caller = bearer.resolve(jwt(keys, email, true, AUDIENCE));

        assertThat(caller.userId()).contains(UUID.fromString(crew.id("OBSERVER")));
        assertThat(caller.roleIn(UUID.fromString(crew.teamId()))).contains(dev.oncall.core.team.Role.OBSERVER);
        // Emails name people whatever their case, as providers do not agree on one.
        assertThat(bearer.resolve(jwt(keys, email.toUpperCase(java.util.Locale.ROOT), true, AUDIENCE)).userId())
                .contains(UUID.fromString(crew.id("OBSERVER")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bearer.resolve(jwt(keys, "nobody@example.com", true, AUDIENCE)))
                .isInstanceOf(InvalidBearerTokenException.class);
    }

    @Test
    void aJwtIssuedForAnotherApplicationIsRefused() throws Exception {
        KeyPair keys = rsaKeys();
        BearerAuthentication bearer = oidc(keys);
        String email = users.find(UUID.fromString(crew().id("RESPONDER"))).orElseThrow().email();

        for (Object aud : new Object[] {"another-app", java.util.List.of("another-app", "yet-another"), null}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> bearer.resolve(jwt(keys, email, true, aud)))
                    .as("aud " + aud).isInstanceOf(InvalidBearerTokenException.class);
        }
        assertThat(bearer.resolve(jwt(keys, email, true, java.util.List.of("another-app", AUDIENCE))).userId()).isPresent();
    }

    @Test
    void aJwtWhoseEmailTheProviderHasNotVerifiedIsRefused() throws Exception {
        KeyPair keys = rsaKeys();
        BearerAuthentication bearer = oidc(keys);
        String email = users.find(UUID.fromString(crew().id("RESPONDER"))).orElseThrow().email();

        for (Object verified : new Object[] {false, "false", null}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> bearer.resolve(jwt(keys, email, verified, AUDIENCE)))
                    .as("email_verified " + verified).isInstanceOf(InvalidBearerTokenException.class);
        }
        // Some providers (Cognito) send the claim as a string.
        assertThat(bearer.resolve(jwt(keys, email, "true", AUDIENCE)).userId()).isPresent();
    }

    @Test
    void oidcWithoutAnAudienceRefusesToStart() throws Exception {
        var decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) rsaKeys().getPublic()).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new BearerAuthentication(tokens, teams, users, clock,
                        Optional.of(decoder), "email", " "))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("oncall.security.jwt-audience");
        // Without OIDC there is nothing to check the audience of.
        new BearerAuthentication(tokens, teams, users, clock, Optional.empty(), "email", "");
    }

    @Test
    void anEmailDifferingOnlyByCaseFromAnotherPersonsIsAFieldError() {
        Crew crew = crew();
        String taken = users.find(UUID.fromString(crew.id("RESPONDER"))).orElseThrow().email();
        String shouted = taken.toUpperCase(java.util.Locale.ROOT);

        JsonNode created = admin().attempt("createUser", "user { id }", Map.of("teamId", crew.teamId(), "role", "OBSERVER",
                "handle", unique("twin"), "name", "Twin", "email", shouted, "timezone", "UTC"));
        assertThat(created.at("/data/createUser/userErrors/0/field").asString()).isEqualTo("input.email");
        assertThat(created.has("errors")).as(created.toString()).isFalse();

        String observer = crew.id("OBSERVER");
        String handle = users.find(UUID.fromString(observer)).orElseThrow().handle();
        JsonNode updated = as(crew.token("OBSERVER")).attempt("updateUser", "user { id }", Map.of("id", observer,
                "handle", handle, "name", "Observer", "email", shouted, "timezone", "UTC"));
        assertThat(updated.at("/data/updateUser/userErrors/0/field").asString()).isEqualTo("input.email");
        assertThat(users.find(UUID.fromString(observer)).orElseThrow().email()).isNotEqualToIgnoringCase(taken);
    }

    private BearerAuthentication oidc(KeyPair keys) {
        var decoder = NimbusJwtDecoder.withPublicKey((RSAPublicKey) keys.getPublic()).build();
        return new BearerAuthentication(tokens, teams, users, clock, Optional.of(decoder), "email", AUDIENCE);
    }

    private static KeyPair rsaKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** A JWT signed by {@code keys}; a null {@code emailVerified} or {@code audience} leaves the claim out. */
    private String jwt(KeyPair keys, String email, Object emailVerified, Object audience) throws Exception {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject("someone").claim("email", email)
                .issueTime(Date.from(clock.instant()))
                .expirationTime(new Date(System.currentTimeMillis() + TimeUnit.HOURS.toMillis(1)));
        if (emailVerified != null) {
            claims.claim("email_verified", emailVerified);
        }
        if (audience instanceof String one) {
            claims.audience(one);
        } else if (audience instanceof java.util.List<?> many) {
            claims.audience(many.stream().map(Object::toString).toList());
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims.build());
        jwt.sign(new RSASSASigner(keys.getPrivate()));
        return jwt.serialize();
    }
}
