package dev.oncall.acceptance.stories;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.acceptance.system.Browser;
import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.InstallationExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A person signs in to the dashboard through the organisation's identity provider: a real
 * OAuth2/OpenID Connect server (mock-oauth2-server, with its login page) running beside a
 * graph-api configured with it as issuer and the dashboard's client id. They click "Sign in with
 * …", sign in on the provider's page, and land on the dashboard as the Oncall person whose
 * verified email the provider asserts: authorization code with PKCE, the code exchanged by the
 * page itself at the provider's token endpoint, the ID token kept for the tab. Signing out forgets
 * it. Screenshots of each step go to target/screenshots.
 */
@ExtendWith(InstallationExtension.class)
class SignInWithIdentityProviderStory {
    private static final String CLIENT_ID = "oncall-dashboard";

    @Test
    void aPersonSignsInThroughTheIdentityProviderAndLandsOnTheDashboardAsThemselves(Installation system) {
        Crew crew = Crew.of(system, "Identity", List.of("ida"), "max", List.of());
        Crew.Person ida = crew.people.values().iterator().next();
        String email = crew.admin.data("query($id: ID!) { user(id: $id) { email } }", Map.of("id", ida.id()))
                .at("/user/email").asString();

        MockOAuth2Server provider = new MockOAuth2Server(new OAuth2Config(true));
        provider.start(0);
        String issuer = "http://localhost:" + provider.baseUrl().port() + "/oncall";
        try (Installation.Api api = system.startApi("graph-api-oidc", Map.of(
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", issuer,
                "oncall.security.oidc.client-id", CLIENT_ID));
             Browser browser = Browser.open()) {
            browser.go(api.url() + "/");
            WebElement button = browser.awaitText(By.id("sign-in-oidc"), "Sign in with localhost:" + provider.baseUrl().port());
            assertThat(browser.all(By.id("token"))).as("the token form stays beside it").hasSize(1);
            browser.screenshot("sign-in-with-provider");
            button.click();

            // The provider's own login page, reached with a PKCE challenge.
            browser.await("the provider's login page", By.name("username")).sendKeys(ida.handle());
            assertThat(browser.currentUrl()).startsWith(issuer + "/authorize")
                    .contains("code_challenge_method=S256").contains("client_id=" + CLIENT_ID)
                    .contains("redirect_uri=" + java.net.URLEncoder.encode(api.url() + "/", java.nio.charset.StandardCharsets.UTF_8));
            browser.await("the claims box", By.name("claims"))
                    .sendKeys("{\"email\": \"" + email + "\", \"email_verified\": true}");
            browser.screenshot("provider-login");
            browser.click("the provider's sign-in button", By.cssSelector("input[type=submit]"));

            browser.awaitText(By.id("live-state"), "Live");
            browser.awaitText(By.cssSelector(".who"), ida.handle());
            assertThat(browser.currentUrl()).as("the code leaves the address").doesNotContain("code=").doesNotContain("state=");
            browser.awaitText(By.id("team-select"), crew.name);
            browser.click("the incidents", By.id("nav-incidents"));
            browser.awaitText(By.id("main"), "All services");
            browser.screenshot("signed-in-with-provider");

            browser.click("sign out", By.id("sign-out"));
            browser.await("the sign-in form again", Duration.ofSeconds(10),
                    d -> d.findElements(By.id("sign-in-oidc")).stream().findFirst().map(e -> true));
            Object kept = browser.script("return window.sessionStorage.getItem('oncall.token');");
            assertThat(kept).as("the ID token is forgotten").isNull();
        } finally {
            provider.shutdown();
        }
    }
}
