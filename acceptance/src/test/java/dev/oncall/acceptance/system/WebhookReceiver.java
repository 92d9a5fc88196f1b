package dev.oncall.acceptance.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A team's own endpoint for webhook contact methods: takes every page and keeps its JSON, and
 * answers a verification challenge as docs/notifications.md tells receiver authors to: only when
 * it is signed with the shared secret ({@code X-Oncall-Signature}, checked here independently of
 * the server's code), by echoing {@code {"challenge": …}}.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final String secret;
    /** What arrived, with the path it was sent to. */
    private record Received(String path, JsonNode body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> challenges = new CopyOnWriteArrayList<>();

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode body = JSON.readTree(raw);
            String path = exchange.getRequestURI().getPath().substring(1);
            if (body.path("type").asString("").equals("oncall.verification")) {
                challenges.add(new Received(path, body));
                boolean signed = signed(exchange.getRequestHeaders().getFirst("X-Oncall-Timestamp"), raw,
                        exchange.getRequestHeaders().getFirst("X-Oncall-Signature"));
                FakeTwilio.answer(exchange, signed ? 200 : 401, signed
                        ? JSON.writeValueAsString(Map.of("challenge", body.path("challenge").asString())) : "{}");
                return;
            }
            received.add(new Received(path, body));
            FakeTwilio.answer(exchange, 200, "{}");
        });
        server.start();
    }

    /** {@code v1=} and the hex HMAC-SHA256 of {@code <timestamp>.<body>} under the shared secret. */
    private boolean signed(String timestamp, String body, String signature) {
        if (timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "v1=" + HexFormat.of().formatHex(
                    mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                    signature.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A distinct address per person, so pages can be told apart by path. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    /** The pages sent to {@code url(path)}, oldest first. */
    public List<JsonNode> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).map(Received::body).toList();
    }

    /** The verification challenges sent to {@code url(path)}, oldest first. */
    public List<JsonNode> challenges(String path) {
        return challenges.stream().filter(r -> r.path().equals(path)).map(Received::body).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
