package dev.oncall.store.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.oncall.core.outbound.OutboundRule;
import dev.oncall.core.outbound.RefusedUrl;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Requests to user-chosen URLs go to checked addresses only, whatever DNS says meanwhile; configured URLs are called as they are; the inline retry. */
class OutboundHttpTest {
    private HttpServer receiver;
    private final List<String> hosts = new CopyOnWriteArrayList<>();
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final AtomicReference<Integer> answer = new AtomicReference<>(200);
    private int port;

    @BeforeEach
    void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/", exchange -> {
            hosts.add(exchange.getRequestHeaders().getFirst("Host"));
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            if (answer.get() == 302) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port + "/elsewhere");
            }
            byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.get(), body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        receiver.start();
        port = receiver.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    private static HostResolver names(Map<String, String> table) {
        return host -> {
            String address = table.get(host);
            if (address == null) {
                throw new UnknownHostException(host);
            }
            return List.of(InetAddress.getByName(address));
        };
    }

    private OutboundHttp http(List<String> allowed, HostResolver resolver) {
        return new OutboundHttp(new OutboundGuard(OutboundRule.allowing(allowed), resolver), Duration.ofSeconds(5));
    }

    private OutboundHttp.Response post(OutboundHttp http, String url) throws Exception {
        return http.post(url, Map.of("X-Test", "1"), "application/json", "{}");
    }

    @Test
    void anAllowListedLoopbackReceiverIsCalled() throws Exception {
        try (OutboundHttp http = http(List.of("127.0.0.0/8"), HostResolver.SYSTEM)) {
            OutboundHttp.Response response = post(http, "http://127.0.0.1:" + port + "/hook");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.body()).isEqualTo("{\"ok\":true}");
            assertThat(response.header("Content-Length")).hasValue("11");
        }
    }

    @Test
    void loopbackIsRefusedWithoutTheAllowListAndNothingIsSent() {
        try (OutboundHttp http = http(List.of(), HostResolver.SYSTEM)) {
            for (String url : List.of("https://127.0.0.1:" + port + "/hook", "https://2130706433:" + port + "/",
                    "https://0x7f.1:" + port + "/", "https://[::ffff:127.0.0.1]:" + port + "/",
                    "http://127.0.0.1:" + port + "/hook", "https://localhost:" + port + "/")) {
                assertThatThrownBy(() -> post(http, url)).as(url).isInstanceOf(RefusedUrl.class);
            }
        }
        assertThat(hosts).isEmpty();
    }

    @Test
    void aNameResolvingToAPrivateAddressIsRefusedAtSend() {
        try (OutboundHttp http = http(List.of("127.0.0.0/8"), names(Map.of("hooks.internal.example", "10.0.0.1")))) {
            assertThatThrownBy(() -> post(http, "https://hooks.internal.example/page"))
                    .isInstanceOf(RefusedUrl.class)
                    .hasMessage("has host hooks.internal.example resolving to 10.0.0.1, a private address: "
                            + "only public addresses may be called");
        }
    }

    @Test
    void aNameThatRebindsToLoopbackAfterItWasSavedIsRefusedAtSend() throws Exception {
        // Saved while it resolved to a public address; by the time of the send it points at this machine.
        OutboundGuard atSave = new OutboundGuard(OutboundRule.strict(), names(Map.of("rebind.example", "93.184.215.14")));
        atSave.check("https://rebind.example:" + port + "/hook");
        try (OutboundHttp http = http(List.of(), names(Map.of("rebind.example", "127.0.0.1")))) {
            assertThatThrownBy(() -> post(http, "https://rebind.example:" + port + "/hook"))
                    .isInstanceOf(RefusedUrl.class).hasMessageContaining("127.0.0.1, a loopback address");
        }
        assertThat(hosts).isEmpty();
    }

    @Test
    void theConnectionGoesToTheCheckedAddressAndTheHostHeaderKeepsTheName() throws Exception {
        try (OutboundHttp http = http(List.of("127.0.0.0/8"), names(Map.of("receiver.team.example", "127.0.0.1")))) {
            assertThat(post(http, "http://receiver.team.example:" + port + "/hook").status()).isEqualTo(200);
        }
        assertThat(hosts).containsExactly("receiver.team.example:" + port);
    }

    @Test
    void redirectsAreNotFollowed() throws Exception {
        answer.set(302);
        try (OutboundHttp http = http(List.of("127.0.0.0/8"), HostResolver.SYSTEM)) {
            assertThat(post(http, "http://127.0.0.1:" + port + "/hook").status()).isEqualTo(302);
        }
        assertThat(hosts).hasSize(1);
    }

    @Test
    void aConfiguredUrlIsCalledAsItIsLoopbackIncluded() throws Exception {
        try (OutboundHttp http = OutboundHttp.configured(Duration.ofSeconds(5))) {
            assertThat(post(http, OutboundHttp.under("http://127.0.0.1:" + port + "/", "/events")).status())
                    .isEqualTo(200);
            assertThatThrownBy(() -> post(http, "ftp://127.0.0.1:" + port + "/")).isInstanceOf(RefusedUrl.class);
        }
        assertThat(hosts).containsExactly("127.0.0.1:" + port);
    }

    @Test
    void aBodyWithoutACharsetInItsTypeIsSentAsUtf8() throws Exception {
        try (OutboundHttp http = OutboundHttp.configured(Duration.ofSeconds(5))) {
            http.post("http://127.0.0.1:" + port + "/", Map.of(), "application/json", "{\"title\":\"Zürich ☎\"}");
        }
        assertThat(bodies).containsExactly("{\"title\":\"Zürich ☎\"}");
    }

    @Test
    void theInlineRetryCallsAgainAfterARetryableAnswerUpToItsAttempts() throws Exception {
        answer.set(503);
        try (OutboundHttp http = OutboundHttp.configured(Duration.ofSeconds(5))) {
            assertThat(RetryPolicy.post(http, 3, "http://127.0.0.1:" + port + "/", Map.of(), "application/json", "{}")
                    .status()).isEqualTo(503);
        }
        assertThat(hosts).hasSize(3);
    }

    @Test
    void theInlineRetryDoesNotCallAgainAfterAnAnswerThatWouldNotChange() throws Exception {
        answer.set(404);
        try (OutboundHttp http = OutboundHttp.configured(Duration.ofSeconds(5))) {
            assertThat(RetryPolicy.post(http, 3, "http://127.0.0.1:" + port + "/", Map.of(), "application/json", "{}")
                    .status()).isEqualTo(404);
        }
        assertThat(hosts).hasSize(1);
    }
}
