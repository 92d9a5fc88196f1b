package dev.oncall.api.isolation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.execution.GraphQlSource;
import tools.jackson.databind.JsonNode;

/**
 * A caller without a token reads how one may sign in ({@code serverInfo { signIn }}, public so a
 * sign-in page can offer its choices) and nothing else: every query, mutation and subscription
 * of the schema, found by walking it, answers 401, and so does every way of dressing another
 * field up as the public one (aliases, fragments, a second operation).
 */
class AnonymousCallersTest extends ApiTest {
    private static final String PUBLIC = "{ serverInfo { signIn { oidc { issuer clientId scopes } } } }";

    @Autowired
    private GraphQlSource graphQl;

    @Test
    void withoutATokenOnlyTheSignInOptionsAreReadable() {
        HttpResponse<String> open = post(PUBLIC, Map.of(), null);
        assertThat(open.statusCode()).as(open.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(open.body());
        assertThat(answer.has("errors")).as(open.body()).isFalse();
        // OIDC is off in this context: only the token form.
        assertThat(answer.at("/data/serverInfo/signIn/oidc").isNull()).isTrue();
        assertThat(post("query SignIn { __typename serverInfo { __typename signIn { __typename } } }", Map.of(), null)
                .statusCode()).isEqualTo(200);

        List<String> problems = new ArrayList<>();
        for (Probe.Request request : new Probe(graphQl.schema(), Map.of(), "nobody").requests()) {
            int status = post(request.document(), request.variables(), null).statusCode();
            if (status != 401) {
                problems.add(request + " answered " + status + " without a token");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void nothingElseCanBeDressedUpAsThePublicField() {
        for (String document : List.of(
                "{ serverInfo { region signIn { oidc { issuer } } } }",
                "{ serverInfo { signIn: region } }",
                "{ signIn: serverInfo { version } }",
                "{ serverInfo { ...F } } fragment F on ServerInfo { region }",
                "{ serverInfo { ... on ServerInfo { version } } }",
                "{ serverInfo { signIn { oidc { issuer } } } me { id } }",
                PUBLIC + " query Other { me { id } }",
                "mutation { revokeApiToken(id: \"x\") { apiToken { id } } }",
                "subscription { incidentUpdates(teamId: \"x\") { cursor } }",
                "{ __schema { types { name } } }",
                "{ serverInfo { signIn { oidc { issuer } } }")) {
            assertThat(post(document, Map.of(), null).statusCode()).as(document).isEqualTo(401);
        }
    }
}
