package dev.oncall.acceptance.stories;

import dev.oncall.acceptance.system.Http;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.json.JsonMapper;

/**
 * A storm as Alertmanager delivers it to a webhook receiver: bodies of many firing alerts
 * (webhook version 4), posted at once, each retried as Alertmanager retries a 5xx or 429 (after
 * {@code Retry-After}) until it is accepted. Every alert has a fingerprint of its own, so none
 * is a repeat of another: whatever shares an incident shares it by grouping, not deduplication.
 */
final class AlertmanagerStorm {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration GIVE_UP = Duration.ofSeconds(90);

    /** One kind of alert in the storm: its summary and labels, and how many of each body's alerts are of it. */
    record Kind(String summary, Map<String, String> labels, int perBody) {}

    /** One alert as sent: its fingerprint (the dedup key) and its kind. */
    record Sent(String fingerprint, Kind kind) {}

    /** What sending took: the answers' wall time and the retries it needed. */
    record Delivery(Duration took, int retries) {}

    private final List<List<Sent>> bodies = new ArrayList<>();
    private final List<String> json = new ArrayList<>();

    /** {@code bodies} webhook bodies, each holding every kind's {@code perBody} alerts, interleaved. */
    AlertmanagerStorm(int bodies, List<Kind> kinds) {
        Instant startsAt = Instant.parse("2027-03-01T08:00:00Z");
        int n = 0;
        for (int b = 0; b < bodies; b++) {
            List<Sent> body = new ArrayList<>();
            List<Map<String, Object>> alerts = new ArrayList<>();
            int most = kinds.stream().mapToInt(Kind::perBody).max().orElse(0);
            for (int i = 0; i < most; i++) {
                for (Kind kind : kinds) {
                    if (i >= kind.perBody()) {
                        continue;
                    }
                    String fingerprint = "%016x".formatted(n++);
                    Map<String, String> labels = new LinkedHashMap<>(kind.labels());
                    labels.put("instance", "host-" + fingerprint.substring(10) + ":9100");
                    alerts.add(Map.of("status", "firing", "labels", labels,
                            "annotations", Map.of("summary", kind.summary()),
                            "startsAt", startsAt.toString(), "endsAt", "0001-01-01T00:00:00Z",
                            "fingerprint", fingerprint));
                    body.add(new Sent(fingerprint, kind));
                }
            }
            this.bodies.add(body);
            json.add(JSON.writeValueAsString(Map.of("receiver", "oncall", "status", "firing", "alerts", alerts,
                    "groupLabels", Map.of(), "commonLabels", Map.of(), "commonAnnotations", Map.of(),
                    "externalURL", "http://alertmanager:9093", "version", "4",
                    "groupKey", "{}:{}", "truncatedAlerts", 0)));
        }
    }

    /** Every alert of the storm, in the order sent. */
    List<Sent> alerts() {
        return bodies.stream().flatMap(List::stream).toList();
    }

    /** The largest body, in bytes (the receiver takes at most 512 KB). */
    int largestBody() {
        return json.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Posts every body at once to {@code url}; returns when every one is answered 202. */
    Delivery send(String url) {
        AtomicInteger retries = new AtomicInteger();
        long start = System.nanoTime();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> sent = json.stream().<Future<?>>map(body -> threads.submit(() -> deliver(url, body, retries))).toList();
            for (Future<?> f : sent) {
                f.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Delivery(Duration.ofNanos(System.nanoTime() - start), retries.get());
    }

    private static void deliver(String url, String body, AtomicInteger retries) {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        while (true) {
            Duration wait = Duration.ofSeconds(1);
            try {
                HttpResponse<String> answer = Http.postJson(url, body);
                if (answer.statusCode() == 202) {
                    return;
                }
                if (answer.statusCode() < 500 && answer.statusCode() != 429) {
                    throw new AssertionError("the storm's body was refused: " + answer.statusCode() + " " + answer.body());
                }
                wait = answer.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Math.min(5, Long.parseLong(s))))
                        .orElse(wait);
            } catch (UncheckedIOException e) {
                // No answer: nothing is known to be recorded, and resending is safe (the fingerprints deduplicate).
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("a body of the storm was not accepted within " + GIVE_UP.toSeconds() + " s");
            }
            retries.incrementAndGet();
            // As Alertmanager waits before a retry; nothing here assumes how long the server takes.
            LockSupport.parkNanos(wait.toNanos());
        }
    }
}
