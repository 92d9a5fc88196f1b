package dev.oncall.api.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.api.PageAsset;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's page and assets are served by graph-api without a token (they hold no data)
 * and load nothing from another host; the data behind them still needs one.
 */
class DashboardTest extends ApiTest {
    private final HttpClient browser = HttpClient.newHttpClient();

    private HttpResponse<String> fetch(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void thePageIsServedAtTheRootWithoutAToken() throws Exception {
        HttpResponse<String> page = fetch("/");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("<title>Oncall</title>");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'self'").contains("connect-src 'self' ws: wss:;"));
    }

    @Test
    void everyScriptAndStylesheetIsServedHereAndNamesNoOtherHost() throws Exception {
        String html = fetch("/").body();
        List<PageAsset> assets = PageAsset.of(html);

        assertThat(html).doesNotContainPattern("(?i)https?://").doesNotContainPattern("(?i)(src|href)\\s*=\\s*['\"]//");
        assertThat(assets).extracting(PageAsset::url).containsExactlyInAnyOrder("/app/dashboard.js", "/app/dashboard.css");
        for (PageAsset asset : assets) {
            HttpResponse<String> served = fetch(asset.url());
            assertThat(served.statusCode()).as(asset.url()).isEqualTo(200);
            assertThat(served.headers().firstValue("Content-Type")).as(asset.url())
                    .hasValueSatisfying(t -> assertThat(t).contains(asset.script() ? "javascript" : "text/css"));
            assertThat(served.headers().firstValue("Cache-Control")).as(asset.url()).hasValue("no-cache");
            assertThat(served.body()).as(asset.url()).doesNotContainPattern("(?i)(src|href|url)\\s*[=(]\\s*['\"]?(https?:)?//");
        }
        // The bundle holds the graphql-transport-ws client: no library is fetched at run time.
        assertThat(fetch("/app/dashboard.js").body()).contains("graphql-transport-ws");
    }

    @Test
    void assetsAreCompressedForBrowsersThatAsk() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url("/app/dashboard.js")))
                .header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> served = browser.send(request, HttpResponse.BodyHandlers.ofByteArray());

        assertThat(served.headers().firstValue("Content-Encoding")).hasValue("gzip");
    }

    @Test
    void onlyThePageAndItsAssetsAreOpen() throws Exception {
        assertThat(fetch("/app/none.js").statusCode()).isEqualTo(404);
        assertThat(fetch("/anything-else").statusCode()).isEqualTo(401);
        assertThat(browser.send(HttpRequest.newBuilder(URI.create(url("/graphql")))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ me { id } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
}
