package dev.oncall.acceptance.system;

import com.sun.net.httpserver.HttpServer;
import dev.oncall.core.notify.WebhookSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A team's own endpoint for webhook contact methods: takes every page and keeps its JSON. */
public final class WebhookReceiver implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    /** What arrived, with the path it was sent to and how it was signed. */
    private record Received(String path, JsonNode body, Signed signed) {}

    /** A page as its receiver checks it: the raw body and the signature headers. */
    public record Signed(String timestamp, String signature, String body) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().getPath().substring(1), JSON.readTree(body),
                    new Signed(exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
                            exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body)));
            FakeTwilio.answer(exchange, 200, "{}");
        });
        server.start();
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

    @Override
    public void close() {
        server.stop(0);
    }
}
