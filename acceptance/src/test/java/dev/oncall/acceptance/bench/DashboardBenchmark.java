package dev.oncall.acceptance.bench;

import dev.oncall.acceptance.system.Browser;
import dev.oncall.acceptance.system.Crew;
import dev.oncall.acceptance.system.Http;
import dev.oncall.acceptance.system.Installation;
import dev.oncall.acceptance.system.Poll;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Measures the dashboard as a person's browser sees it (issue 14): not a test, and
 * {@code ./mvnw verify} never runs it (see docs/benchmarks.md, "Dashboard"). It starts the
 * acceptance installation (graph-api, worker and auditor on the embedded PostgreSQL and Redis),
 * opens {@code incidents} open incidents through the Events API (acknowledged, so escalation
 * does not keep the machine busy), waits for a quiet machine, then with Debian's Chromium:
 * <ol>
 *   <li>{@code loads} cold loads of Home in fresh browser profiles: bytes transferred (Resource
 *   Timing {@code transferSize}, compressed, headers included; the dashboard's own files apart
 *   from the API's answers) and the time from navigation start to Home's team board drawn;
 *   <li>the incident list of those incidents, with an emptied HTTP cache: time from navigation
 *   start to every row drawn, and the JS heap used afterwards (after a garbage collection).
 * </ol>
 * Times are taken in the page ({@code performance.now()}, whose origin is the navigation
 * start) by a MutationObserver installed before the page's own scripts run.
 */
public final class DashboardBenchmark {
    private static final String OBSERVER = """
            window.__bench = {};
            new MutationObserver(() => {
              const b = window.__bench;
              if (!b.home && document.getElementById('team-board')) b.home = performance.now();
              const rows = document.getElementById('incident-rows');
              if (!b.rows && rows && rows.children.length >= %d) b.rows = performance.now();
            }).observe(document, {childList: true, subtree: true});
            """;

    public static void main(String[] args) throws Exception {
        int runs = Integer.getInteger("runs", 2);
        int loads = Integer.getInteger("loads", 7);
        int incidents = Integer.getInteger("incidents", 1000);
        double quiet = Double.parseDouble(System.getProperty("quiet", "1.5"));
        Duration quietWait = Duration.ofMinutes(Long.getLong("quietMinutes", 30));
        try (Installation system = Installation.start()) {
            Crew crew = Crew.of(system, "Bench", List.of("ann", "ben"), "cat", List.of());
            open(system, crew, incidents);
            for (int run = 1; run <= runs; run++) {
                awaitQuiet(quiet, quietWait);
                System.out.printf("BENCH run %d; machine: %d cores, load average %s, %s%n", run,
                        Runtime.getRuntime().availableProcessors(), loadAverage(), Instant.now());
                measure(system, crew, loads, incidents);
            }
        }
    }

    private static void measure(Installation system, Crew crew, int loads, int incidents) {
        List<Double> homes = new ArrayList<>();
        for (int n = 1; n <= loads; n++) {
            try (Browser browser = Browser.open()) {
                observe(browser, incidents);
                browser.go(system.url("/#token=" + system.adminToken()));
                double home = awaitMark(browser, "home");
                homes.add(home);
                Map<String, Long> bytes = bytes(browser);
                System.out.printf("BENCH cold load %d: Home usable at %.0f ms; transferred %s%n", n, home, bytes);
            }
        }
        System.out.printf("BENCH Home usable, median of %d cold loads: %.0f ms (all: %s)%n",
                loads, median(homes), homes.stream().map(t -> String.format("%.0f", t)).toList());

        for (int n = 1; n <= 2; n++) {
            try (Browser browser = Browser.open()) {
                observe(browser, incidents);
                browser.go(system.url("/#token=" + system.adminToken()));
                awaitMark(browser, "home");
                browser.devTools("Network.enable", Map.of());
                browser.devTools("Network.clearBrowserCache", Map.of());
                browser.go("about:blank");
                browser.go(system.url("/#/incidents?team=" + crew.teamId));
                double rows = awaitMark(browser, "rows");
                String count = String.valueOf(browser.script("return document.getElementById('incident-count').textContent"));
                browser.devTools("HeapProfiler.collectGarbage", Map.of());
                browser.devTools("Performance.enable", Map.of());
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> metrics = (List<Map<String, Object>>) browser
                        .devTools("Performance.getMetrics", Map.of()).get("metrics");
                double heap = metrics.stream().filter(m -> m.get("name").equals("JSHeapUsedSize"))
                        .mapToDouble(m -> ((Number) m.get("value")).doubleValue()).findFirst().orElse(-1);
                long nodes = metrics.stream().filter(m -> m.get("name").equals("Nodes"))
                        .mapToLong(m -> ((Number) m.get("value")).longValue()).findFirst().orElse(-1);
                System.out.printf("BENCH incident list %d: %d rows drawn at %.0f ms (\"%s\"); JS heap used %.1f MB, %d DOM nodes%n",
                        n, incidents, rows, count, heap / 1e6, nodes);
            }
        }
    }

    /** Opens the incidents through the Events API, then acknowledges them (no paging storm). */
    private static void open(Installation system, Crew crew, int count) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<?>> sent = new ArrayList<>();
            IntStream.rangeClosed(1, count).forEach(n -> sent.add(pool.submit(() -> {
                String title = "Bench incident " + n + " " + crew.name;
                // One key may send 600 a minute: past that, send again until accepted, as a sender does.
                HttpResponse<String> answer = Poll.value(title + " accepted", Duration.ofMinutes(10), () -> {
                    HttpResponse<String> a = Http.postJson(system.url("/v2/enqueue"), """
                            {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                             "payload": {"summary": "%s", "source": "bench", "severity": "warning"}}"""
                            .formatted(crew.eventsKey, title, title));
                    return a.statusCode() == 429 ? Optional.empty() : Optional.of(a);
                });
                if (answer.statusCode() != 202) {
                    throw new IllegalStateException(answer.statusCode() + " " + answer.body());
                }
                return null;
            })));
            for (Future<?> f : sent) {
                f.get();
            }
            List<String> ids = new ArrayList<>();
            String after = null;
            do {
                var page = crew.admin.data("""
                        query($team: ID, $after: String) { incidents(teamId: $team, filter: {status: [TRIGGERED]},
                          first: 100, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }""",
                        after == null ? Map.of("team", crew.teamId) : Map.of("team", crew.teamId, "after", after))
                        .get("incidents");
                page.get("edges").forEach(e -> ids.add(e.at("/node/id").asString()));
                after = page.at("/pageInfo/hasNextPage").asBoolean() ? page.at("/pageInfo/endCursor").asString() : null;
            } while (after != null);
            List<Future<?>> acked = new ArrayList<>();
            for (String id : ids) {
                acked.add(pool.submit(() -> crew.admin.mutate("acknowledge", "incident { id }", Map.of("incidentId", id))));
            }
            for (Future<?> f : acked) {
                f.get();
            }
            System.out.printf("BENCH opened %d incidents, acknowledged %d%n", count, ids.size());
        }
    }

    private static void observe(Browser browser, int rows) {
        browser.devTools("Page.addScriptToEvaluateOnNewDocument", Map.of("source", OBSERVER.formatted(rows)));
    }

    private static double awaitMark(Browser browser, String mark) {
        return browser.await(mark + " drawn", Duration.ofSeconds(120), d -> Optional.ofNullable(
                (Number) d.executeScript("return window.__bench && window.__bench." + mark))).doubleValue();
    }

    /** Bytes over the wire (transferSize: compressed bodies and headers), by kind. */
    private static Map<String, Long> bytes(Browser browser) {
        @SuppressWarnings("unchecked")
        Map<String, Object> sums = (Map<String, Object>) browser.script("""
                const out = {files: 0, filesDecoded: 0, api: 0, apiRequests: 0};
                for (const e of [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]) {
                  if (new URL(e.name).pathname === '/graphql') { out.api += e.transferSize; out.apiRequests++; }
                  else { out.files += e.transferSize; out.filesDecoded += e.decodedBodySize; }
                }
                return out;""");
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        sums.forEach((k, v) -> out.put(k, ((Number) v).longValue()));
        return out;
    }

    private static void awaitQuiet(double limit, Duration wait) {
        System.out.printf("BENCH waiting up to %s for a quiet machine: 1-minute load average below %.2f%n", wait, limit);
        try {
            Poll.until("a 1-minute load average below " + limit, wait, () -> loadAverage() < limit);
        } catch (AssertionError e) {
            System.out.printf("BENCH WARNING: machine still busy after %s (load %.2f): numbers are not comparable%n",
                    wait, loadAverage());
        }
    }

    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
