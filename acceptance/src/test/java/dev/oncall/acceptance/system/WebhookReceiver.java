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
 * A team's own endpoint for webhook contact methods: takes every page and keeps its JSON with
 * how it was signed, and answers a verification challenge as docs/notifications.md tells
 * receiver authors to: only when it is signed with the shared secret ({@code X-Oncall-Signature},
 * checked here independently of the server's code), by echoing {@code {"challenge": …}}.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String TIMESTAMP = "X-Oncall-Timestamp";
    private static final String SIGNATURE = "X-Oncall-Signature";

    /** A page as its receiver checks it: the raw body and the signature headers. */
    public record Signed(String timestamp, String signature, String body) {}

    /** What arrived, with the path it was sent to and how it was signed. */
    private record Received(String path, JsonNode body, Signed signed) {}

    private final HttpServer server;
    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Received> challenges = new CopyOnWriteArrayList<>();

    public WebhookReceiver(String secret) throws IOException {
        this.secret = secret;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String raw = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Received r = new Received(exchange.getRequestURI().getPath().substring(1), JSON.readTree(raw),
                    new Signed(exchange.getRequestHeaders().getFirst(TIMESTAMP),
                            exchange.getRequestHeaders().getFirst(SIGNATURE), raw));
            if (r.body().path("type").asString("").equals("oncall.verification")) {
                challenges.add(r);
                boolean signed = signedWithSecret(r.signed());
                FakeTwilio.answer(exchange, signed ? 200 : 401, signed
                        ? JSON.writeValueAsString(Map.of("challenge", r.body().path("challenge").asString())) : "{}");
                return;
            }
            received.add(r);
            FakeTwilio.answer(exchange, 200, "{}");
        });
        server.start();
    }

    /**
     * Whether one of the listed signatures ({@code v1=<hex>,v1=<hex>}, current first) is the hex
     * HMAC-SHA256 of {@code <timestamp>.<body>} under the shared secret.
     */
    private boolean signedWithSecret(Signed s) {
        if (s.timestamp() == null || s.signature() == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = ("v1=" + HexFormat.of().formatHex(
                    mac.doFinal((s.timestamp() + "." + s.body()).getBytes(StandardCharsets.UTF_8))))
                    .getBytes(StandardCharsets.UTF_8);
            for (String listed : s.signature().split(",")) {
                if (MessageDigest.isEqual(expected, listed.strip().getBytes(StandardCharsets.UTF_8))) {
                    return true;
                }
            }
            return false;
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

    /** How the pages sent to {@code url(path)} were signed, oldest first. */
    public List<Signed> signed(String path) {
        return received.stream().filter(r -> r.path().equals(path)).map(Received::signed).toList();
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
