package dev.oncall.auditor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on the loopback standing in for the PagerDuty Events API (and for the
 * fallback webhook): records every JSON body it is sent and answers like the API does.
 */
public final class EventsReceiver implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final List<Map<String, Object>> events = new CopyOnWriteArrayList<>();
    private volatile int status = 202;

    public EventsReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                int answer = status;
                if (answer / 100 == 2) {
                    synchronized (events) {
                        events.add(JSON.readValue(body, new TypeReference<Map<String, Object>>() {}));
                        events.notifyAll();
                    }
                }
                byte[] reply = "{\"status\":\"success\",\"message\":\"Event processed\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(answer, reply.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(reply);
                }
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Every later request is answered with this status (a 5xx makes the sender retry). */
    public void answer(int status) {
        this.status = status;
    }

    public List<Map<String, Object>> events() {
        return List.copyOf(events);
    }

    /** Waits until at least {@code count} events were taken, or {@code timeout} passed; true when they were. */
    public boolean awaitEvents(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            while (events.size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                events.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    public List<Map<String, Object>> events(String action) {
        return events.stream().filter(e -> action.equals(e.get("event_action")) || action.equals(e.get("action"))).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
