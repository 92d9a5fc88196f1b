package dev.oncall.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.auth.ApiTokenRepository;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A body far over the limit is answered 413, and the client reads that answer: the server must
 * not drop the connection while the client is still sending (which a client sees as a reset).
 */
class OversizedBodyTest extends IngestTestBase {
    private static final int MB = 1024 * 1024;

    @Autowired
    ApiTokenRepository tokens;

    @Test
    void tenAndFiftyMegabytesToTheEventsApiAre413WithThePagerDutyBody() {
        for (int size : new int[] {10 * MB, 50 * MB}) {
            HttpResponse<String> r = send("/v2/enqueue", size);

            assertThat(r.statusCode()).as(size + " bytes").isEqualTo(413);
            assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
            assertThat(r.body()).isEqualTo("{\"status\":\"invalid event\",\"message\":\"Event object is invalid\","
                    + "\"errors\":[\"body: must be at most 524288 bytes\"]}");
        }
        assertThat(alerts("true")).isZero();
    }

    @Test
    void aBodyJustOverTheLimitIs413() {
        HttpResponse<String> r = post("/v2/enqueue", "{\"routing_key\": \"" + scenario.eventsKey.secret()
                + "\", \"event_action\": \"trigger\", \"payload\": {\"summary\": \"" + "x".repeat(600 * 1024) + "\"}}");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("body: must be at most 524288 bytes");
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v2/enqueue"))
                .header("Content-Type", "application/json")
                // An unsized publisher: sent chunked, so only counting finds it too large.
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(filler(10 * MB))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("body: must be at most 524288 bytes");
    }

    @Test
    void tenAndFiftyMegabytesToTheAlertmanagerWebhookAre413() {
        for (int size : new int[] {10 * MB, 50 * MB}) {
            HttpResponse<String> r = send("/integrations/alertmanager/" + scenario.alertmanagerKey.secret(), size);

            assertThat(r.statusCode()).as(size + " bytes").isEqualTo(413);
            assertThat(r.body()).isEqualTo("{\"status\":\"invalid payload\",\"message\":\"Event object is invalid\","
                    + "\"errors\":[\"body: must be at most 524288 bytes\"]}");
        }
    }

    @Test
    void tenAndFiftyMegabytesToGraphqlAre413WithAGraphqlError() {
        for (int size : new int[] {10 * MB, 50 * MB}) {
            HttpResponse<String> r = send("/graphql", size);

            assertThat(r.statusCode()).as(size + " bytes").isEqualTo(413);
            assertThat(r.body()).isEqualTo("{\"errors\":[{\"message\":\"the request is larger than 262144 bytes\","
                    + "\"extensions\":{\"classification\":\"BAD_REQUEST\",\"field\":\"body\"}}]}");
        }
    }

    @Test
    void aChunkedGraphqlBodyOverTheLimitIs413() throws Exception {
        String token = tokens.createPersonal(scenario.users.getFirst(), "test", Optional.empty(), Instant.now()).secret();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(filler(10 * MB))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        assertThat(r.body()).contains("the request is larger than 262144 bytes");
    }

    /**
     * Many clients (Python's requests, shell tools) write the whole body before they read: they see
     * the 413 only if the server keeps reading until they are done, instead of closing on them.
     */
    @Test
    void aClientThatSendsItsWholeBodyBeforeReadingGetsThe413() throws Exception {
        for (String path : new String[] {"/v2/enqueue", "/integrations/alertmanager/" + scenario.alertmanagerKey.secret(),
                "/graphql"}) {
            for (int size : new int[] {10 * MB, 50 * MB}) {
                try (Socket socket = new Socket("localhost", port)) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                            + "Content-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    byte[] chunk = filler(64 * 1024);
                    for (int sent = 0; sent < size; sent += chunk.length) {
                        out.write(chunk, 0, Math.min(chunk.length, size - sent));
                    }
                    out.flush();
                    String status = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

                    assertThat(status).as(path + ", " + size + " bytes").isEqualTo("HTTP/1.1 413");
                }
            }
        }
    }

    @Test
    void aBodyJustUnderTheLimitIsStillRead() {
        String padding = " ".repeat(524_288 - 300);
        HttpResponse<String> r = post("/v2/enqueue", "{\"routing_key\": \"" + scenario.eventsKey.secret()
                + "\", \"event_action\": \"trigger\", \"dedup_key\": \"big\", \"payload\": {\"summary\": \"s\","
                + " \"source\": \"x\", \"severity\": \"info\"}}" + padding);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    }

    private HttpResponse<String> send(String path, int size) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(filler(size))).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("no answer to a " + size + "-byte body on " + path, e);
        }
    }

    private static byte[] filler(int size) {
        byte[] body = new byte[size];
        Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        return body;
    }
}
