package dev.oncall.auditor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on the loopback standing in for a heartbeat monitor (another
 * installation's {@code /integrations/heartbeat/{key}}, a hosted one): records every ping and
 * answers with the statuses it was told, 202 when told nothing more, or never.
 */
public final class HeartbeatReceiver implements AutoCloseable {
    /** A ping received: its method and path. */
    public record Ping(String method, String path, int answered) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Ping> pings = new CopyOnWriteArrayList<>();
    private final Deque<Integer> answers = new ArrayDeque<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicInteger received = new AtomicInteger();
    private volatile boolean silent;

    public HeartbeatReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                received.incrementAndGet();
                if (silent) {
                    closed.await();
                    return;
                }
                int answer = next();
                pings.add(new Ping(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), answer));
                exchange.sendResponseHeaders(answer, -1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The next pings are answered with these statuses, in order; later ones with 202. */
    public synchronized void answer(Integer... statuses) {
        answers.addAll(List.of(statuses));
    }

    /** Every later ping is read and never answered. */
    public void neverAnswer() {
        silent = true;
    }

    private synchronized int next() {
        return answers.isEmpty() ? 202 : answers.poll();
    }

    /** Pings answered, in order (a ping never answered is not among them). */
    public List<Ping> pings() {
        return List.copyOf(pings);
    }

    /** Every request received, answered or not. */
    public int received() {
        return received.get();
    }

    @Override
    public void close() {
        closed.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
