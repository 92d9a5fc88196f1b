package dev.oncall.api.graphiql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.api.PageAsset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * GraphiQL works without internet: graph-api serves the page and every script and stylesheet it
 * loads, and the page names no other host.
 */
@TestPropertySource(properties = "spring.graphql.graphiql.enabled=true")
class GraphiQlTest extends ApiTest {
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    private HttpResponse<String> fetch(String pathOrUrl) throws Exception {
        return browser.send(HttpRequest.newBuilder(URI.create(url("/")).resolve(pathOrUrl)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesOurPageWithTheEndpointsToUse() throws Exception {
        HttpResponse<String> page = fetch("/graphiql");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Oncall GraphiQL</title>");
        assertThat(page.uri().getQuery()).contains("path=/graphql").contains("wsPath=/graphql-ws");
    }

    // Fetched without a token, as a browser opening the page does.
    @Test
    void everyScriptAndStylesheetOfThePageIsServedHere() throws Exception {
        HttpResponse<String> page = fetch("/graphiql");
        List<PageAsset> assets = PageAsset.of(page.body());

        assertThat(assets).extracting(PageAsset::url).anyMatch(u -> u.endsWith("/graphiql.min.js"))
                .anyMatch(u -> u.endsWith("/graphiql.min.css")).anyMatch(u -> u.contains("/react/"))
                .anyMatch(u -> u.contains("/react-dom/"));
        for (PageAsset asset : assets) {
            assertThat(asset.url()).as("a path on this server").startsWith("/").doesNotStartWith("//");
            HttpResponse<String> served = fetch(asset.url());
            assertThat(served.statusCode()).as(asset.url()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).as(asset.url())
                    .hasValueSatisfying(t -> assertThat(t).contains(asset.script() ? "javascript" : "text/css"));
            assertThat(served.body()).as(asset.url()).hasSizeGreaterThan(1000);
            if (!asset.script()) {
                assertThat(served.body()).as("fonts and images of %s are inlined", asset.url())
                        .doesNotContainPattern("(?i)url\\(\\s*['\"]?(https?:)?//").doesNotContainPattern("(?i)@import");
            }
        }
    }

    @Test
    void thePageNamesNoOtherHost() throws Exception {
        String html = fetch("/graphiql").body();

        assertThat(html).doesNotContainPattern("(?i)https?://").doesNotContainPattern("(?i)(src|href)\\s*=\\s*['\"]//");
    }
}
