package dev.oncall.api.team;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.api.TestDns;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A webhook address that the sender would refuse is refused when it is saved; a team's signing
 * secret is made by its admins and shown to them once.
 */
class WebhookSafetyTest extends ApiTest {
    @Autowired
    TestDns dns;

    private JsonNode addWebhook(Crew crew, String address) {
        return as(crew.token("RESPONDER")).attempt("addContactMethod", "contactMethod { id address }",
                Map.of("type", "WEBHOOK", "label", "pager", "address", address, "priority", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://169.254.169.254/latest/meta-data/iam/", "https://169.254.169.254/latest/",
            "https://127.0.0.1/hook", "https://2130706433/hook", "https://0x7f.1/hook", "https://0177.0.0.1/hook",
            "https://[::ffff:127.0.0.1]/hook", "https://[::1]/hook", "https://[fd00:ec2::254]/latest",
            "https://10.1.2.3/hook", "https://100.64.0.1/hook", "https://hooks.internal.example/hook",
            "http://hooks.public.example/hook", "https://localhost/hook", "ftp://hooks.public.example/"})
    void aWebhookThatWouldReachInsideIsRefusedWhenSaved(String address) {
        dns.put("hooks.internal.example", "10.0.0.1");
        dns.put("hooks.public.example", "93.184.215.14");
        Crew crew = crew();

        JsonNode response = addWebhook(crew, address);

        assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
        JsonNode errors = response.at("/data/addContactMethod/userErrors");
        assertThat(errors).as(response.toString()).singleElement()
                .satisfies(e -> assertThat(e.path("field").asString()).isEqualTo("input.address"));
        assertThat(response.at("/data/addContactMethod/contactMethod").isNull()).isTrue();
        assertThat(admin().data("query($id: ID!) { user(id: $id) { contactMethods { id } } }",
                Map.of("id", crew.id("RESPONDER"))).at("/user/contactMethods")).isEmpty();
    }

    @Test
    void theRefusalSaysWhereTheNameLeads() {
        dns.put("hooks.internal.example", "10.0.0.1");
        JsonNode error = addWebhook(crew(), "https://hooks.internal.example/hook").at("/data/addContactMethod/userErrors/0");
        assertThat(error.path("message").asString()).isEqualTo("has host hooks.internal.example resolving to 10.0.0.1, "
                + "a private address: only public addresses may be called");
    }

    @Test
    void aPublicHttpsWebhookIsSavedAndCannotBeMovedInside() {
        dns.put("hooks.public.example", "93.184.215.14");
        dns.put("rebound.public.example", "127.0.0.1");
        Crew crew = crew();
        JsonNode saved = addWebhook(crew, "https://hooks.public.example/pager");
        assertThat(saved.at("/data/addContactMethod/userErrors")).as(saved.toString()).isEmpty();
        String id = saved.at("/data/addContactMethod/contactMethod/id").asString();

        JsonNode moved = as(crew.token("RESPONDER")).attempt("updateContactMethod", "contactMethod { id }",
                Map.of("id", id, "address", "https://rebound.public.example/pager", "priority", 0));

        assertThat(moved.at("/data/updateContactMethod/userErrors/0/field").asString()).isEqualTo("input.address");
        assertThat(moved.at("/data/updateContactMethod/userErrors/0/message").asString()).contains("loopback");
    }

    @Test
    void anAdminRotatesTheTeamsSecretAndSeesItOnce() {
        Crew crew = crew();
        String team = "query($id: ID!) { team(id: $id) { webhookSigning { createdAt previousExpiresAt } } }";
        assertThat(as(crew.token("OBSERVER")).data(team, Map.of("id", crew.teamId())).at("/team/webhookSigning").isNull())
                .isTrue();

        JsonNode first = as(crew.token("ADMIN")).mutate("rotateWebhookSigningSecret",
                "secret webhookSigning { createdAt previousExpiresAt }", Map.of("teamId", crew.teamId()));
        String secret = first.path("secret").asString();
        assertThat(secret).startsWith("whsec_").hasSizeGreaterThan(40);
        assertThat(Instant.parse(first.at("/webhookSigning/previousExpiresAt").asString()))
                .as("the installation-wide secret, where workers have one, signs beside it until then")
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)));
        JsonNode second = as(crew.token("ADMIN")).mutate("rotateWebhookSigningSecret",
                "secret webhookSigning { createdAt previousExpiresAt }", Map.of("teamId", crew.teamId()));
        assertThat(second.path("secret").asString()).isNotEqualTo(secret);
        assertThat(Instant.parse(second.at("/webhookSigning/previousExpiresAt").asString()))
                .isEqualTo(clock.instant().plus(Duration.ofHours(24)));

        JsonNode shown = as(crew.token("OBSERVER")).data(team, Map.of("id", crew.teamId())).at("/team/webhookSigning");
        assertThat(Instant.parse(shown.path("createdAt").asString())).isEqualTo(clock.instant());
        assertThat(shown.toString()).doesNotContain(secret).doesNotContain(second.path("secret").asString());
    }

    @Test
    void onlyTheTeamsAdminsRotateIt() {
        Crew crew = crew();
        Crew other = crew();
        for (String token : List.of(crew.token("MANAGER"), crew.token("RESPONDER"), crew.token("OBSERVER"))) {
            JsonNode response = as(token).attempt("rotateWebhookSigningSecret", "secret",
                    Map.of("teamId", crew.teamId()));
            assertThat(response.at("/errors/0/extensions/classification").asString()).isEqualTo("FORBIDDEN");
            assertThat(response.toString()).doesNotContain("whsec_");
        }
        // Outside the team, the team is answered as one that does not exist.
        JsonNode outsider = as(other.token("ADMIN")).attempt("rotateWebhookSigningSecret", "secret",
                Map.of("teamId", crew.teamId()));
        assertThat(outsider.at("/data/rotateWebhookSigningSecret/userErrors/0/message").asString()).isEqualTo("no such team");
        assertThat(outsider.toString()).doesNotContain("whsec_");
    }
}
