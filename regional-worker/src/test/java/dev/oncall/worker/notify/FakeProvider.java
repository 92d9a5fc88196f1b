package dev.oncall.worker.notify;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A local HTTP server standing in for a provider (Twilio, Slack, FCM, a webhook receiver):
 * records every request and answers from a script, then with a default answer. A "hang"
 * answer holds the request until the server closes, so a client's timeout fires without the
 * test sleeping.
 */
final class FakeProvider implements AutoCloseable {
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (var e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().getFirst();
                }
            }
            return null;
        }

        /** The body as form fields (application/x-www-form-urlencoded). */
        Map<String, List<String>> form() {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
            return fields;
        }

        String field(String name) {
            List<String> values = form().get(name);
            return values == null ? null : values.getFirst();
        }
    }

    record Answer(int status, String contentType, String body, boolean hangs) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body, false);
        }

        static Answer hang() {
            return new Answer(0, null, null, true);
        }
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Answer fallback;
    private volatile java.util.function.Function<Request, Answer> responder;

    FakeProvider(Answer fallback) throws IOException {
        this.fallback = fallback;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        this.server.createContext("/", this::handle);
        this.server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the next requests with these, in order, before falling back to the default. */
    FakeProvider then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    void always(Answer answer) {
        script.clear();
        responder = null;
        fallback = answer;
    }

    /** Answers every request by looking at it (a receiver echoing what it was sent), once the script is used up. */
    void answering(java.util.function.Function<Request, Answer> responder) {
        this.responder = responder;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<Request> requests(String pathPart) {
        return requests.stream().filter(r -> r.path().contains(pathPart)).toList();
    }

    void clear() {
        requests.clear();
        script.clear();
        responder = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body);
        requests.add(request);
        Answer answer = script.pollFirst();
        if (answer == null) {
            var respond = responder;
            answer = respond == null ? fallback : respond.apply(request);
        }
        if (answer.hangs()) {
            try {
                closing.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
            return;
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
    }
}
