package dev.oncall.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * With OIDC on and a client id for the dashboard, anyone may learn (without a token) which
 * provider to sign in with, and the dashboard's page may connect to that provider, and to no
 * other host. The audience of JWTs defaults to the client id, the aud of the ID tokens the
 * dashboard signs in with. (The whole flow against a real provider: SignInWithIdentityProviderStory.)
 */
@TestPropertySource(properties = {
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=https://idp.example.test:8443/realms/oncall",
        "oncall.security.oidc.client-id=oncall-dashboard",
        "oncall.security.oidc.scopes=openid,email"})
class SignInWithTheProviderTest extends ApiTest {
    @Test
    void thePageLearnsTheProviderWithoutAToken() {
        HttpResponse<String> response = post("{ serverInfo { signIn { oidc { issuer clientId scopes } } } }", Map.of(), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode oidc = JSON.readTree(response.body()).at("/data/serverInfo/signIn/oidc");
        assertThat(oidc.get("issuer").asString()).isEqualTo("https://idp.example.test:8443/realms/oncall");
        assertThat(oidc.get("clientId").asString()).isEqualTo("oncall-dashboard");
        assertThat(oidc.get("scopes").valueStream().map(JsonNode::asString)).containsExactly("openid", "email");
        // The rest of serverInfo still needs a token.
        assertThat(post("{ serverInfo { region } }", Map.of(), null).statusCode()).isEqualTo(401);
    }

    @Test
    void thePageMayConnectToTheProviderOnly() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .contains("connect-src 'self' ws: wss: https://idp.example.test:8443;")
                .contains("default-src 'self';"));
    }
}
