package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.system.Poll;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady alert load through the Events API, sent as a PagerDuty sender sends: every new dedup
 * key triggers; some are triggered again (deduplicated), acknowledged or resolved by the tool a
 * little later. Each key's events go out one after another; an answer other than 202 (a 5xx, a
 * 429, a refused connection, a timeout) is retried after {@code Retry-After} (at most
 * {@link #LONGEST_RETRY_AFTER}) or a second, against the next graph-api (of either region) as a
 * load balancer would, until it is answered 202 or the drain's deadline passes. Keys and their
 * plans come from the seed. At most {@link #MAX_IN_FLIGHT} requests are open at once, as a fleet
 * of real senders has a bounded number of connections: unbounded, the retries of a slow minute
 * piled up into thousands of open sockets and the 30-minute run ran out of file descriptors.
 */
final class AlertLoad {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration LONGEST_RETRY_AFTER = Duration.ofSeconds(5);
    static final int MAX_IN_FLIGHT = 128;

    private enum Action { TRIGGER, ACKNOWLEDGE, RESOLVE }

    private record Step(Action action, Duration after) {}

    /** The sender's side of one key, changed by the key's own chain of events, read at the end. */
    private static final class Key {
        final String name;
        final List<Step> plan;
        int next;
        /** Triggers sent, answered or not: one in flight when the load stops may or may not be recorded. */
        int triggersSent;
        int triggersAccepted;
        boolean acknowledged;
        boolean resolved;
        boolean finished;
        String waitingFor = "its first request";

        Key(String name, List<Step> plan) {
            this.name = name;
            this.plan = plan;
        }

        synchronized KeyLedger ledger() {
            return new KeyLedger(name, triggersAccepted, triggersSent - triggersAccepted, acknowledged, resolved);
        }

        synchronized String describe() {
            return name + " at step " + (next + 1) + " of " + plan.stream().map(s -> s.action().name()).toList()
                    + ", waiting for " + waitingFor;
        }
    }

    private final List<String> apis;
    private final String routingKey;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("alert-load").daemon().factory());
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger apiTurn = new AtomicInteger();
    private final List<String> unfinished = new ArrayList<>();
    private volatile Instant giveUpAt = Instant.MAX;
    private volatile Instant loadEnd = Instant.MAX;

    AlertLoad(List<String> apis, String routingKey, long seed) {
        this.apis = List.copyOf(apis);
        this.routingKey = routingKey;
        this.random = new Random(seed);
    }

    /** Starts a new key every {@code 1/rate} seconds for {@code load}. */
    void start(double rate, Duration load) {
        long period = Math.max(1, (long) (1000 / rate));
        AtomicInteger n = new AtomicInteger();
        Instant end = Instant.now().plus(load);
        loadEnd = end;
        timer.scheduleAtFixedRate(() -> {
            if (Instant.now().isBefore(end)) {
                begin("fault-run/" + n.incrementAndGet());
            }
        }, 0, period, TimeUnit.MILLISECONDS);
    }

    /**
     * A key's plan: trigger; maybe trigger again; maybe acknowledge; maybe resolve; all within
     * 25 s of its trigger (before its second step is due), so the last keys end soon after the load.
     */
    private void begin(String name) {
        List<Step> plan = new ArrayList<>();
        synchronized (random) {
            plan.add(new Step(Action.TRIGGER, Duration.ZERO));
            if (random.nextDouble() < 0.3) {
                plan.add(new Step(Action.TRIGGER, Duration.ofSeconds(1 + random.nextInt(3))));
            }
            if (random.nextDouble() < 0.25) {
                plan.add(new Step(Action.ACKNOWLEDGE, Duration.ofSeconds(2 + random.nextInt(9))));
            }
            if (random.nextDouble() < 0.25) {
                plan.add(new Step(Action.RESOLVE, Duration.ofSeconds(2 + random.nextInt(11))));
            }
        }
        Key key = new Key(name, plan);
        keys.put(name, key);
        open.incrementAndGet();
        senders.submit(() -> send(key));
    }

    private void send(Key key) {
        Step step;
        synchronized (key) {
            if (key.finished) {
                return;
            }
            if (Instant.now().isAfter(giveUpAt)) {
                finish(key);
                return;
            }
            step = key.plan.get(key.next);
            if (step.action() == Action.TRIGGER) {
                key.triggersSent++;
            }
        }
        requests.incrementAndGet();
        String api = apis.get(Math.floorMod(apiTurn.getAndIncrement(), apis.size()));
        Duration retryAfter = Duration.ofSeconds(1);
        String answer;
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + "/v2/enqueue"))
                    .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(key.name, step.action()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            if (status == 202) {
                accepted(key, step);
                return;
            }
            if (status / 100 == 4 && status != 429) {
                refused.incrementAndGet();
                synchronized (key) {
                    key.waitingFor = "nothing: " + step.action() + " refused " + status + " by " + api;
                    finish(key);
                }
                return;
            }
            answer = status + " from " + api;
            retryAfter = response.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s)))
                    .map(d -> d.compareTo(LONGEST_RETRY_AFTER) > 0 ? LONGEST_RETRY_AFTER : d).orElse(retryAfter);
        } catch (IOException | RuntimeException unanswered) {
            // A refused connection, a reset or a timeout: the event may or may not be recorded.
            answer = unanswered.getClass().getSimpleName() + " from " + api;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } finally {
            inFlight.release();
        }
        retries.incrementAndGet();
        synchronized (key) {
            key.waitingFor = "a retry of " + step.action() + " after " + answer;
        }
        later(key, retryAfter);
    }

    private void accepted(Key key, Step step) {
        synchronized (key) {
            switch (step.action()) {
                case TRIGGER -> key.triggersAccepted++;
                case ACKNOWLEDGE -> key.acknowledged = true;
                case RESOLVE -> key.resolved = true;
            }
            key.next++;
            if (key.next == key.plan.size()) {
                key.waitingFor = "nothing";
                finish(key);
                return;
            }
            key.waitingFor = "its planned " + key.plan.get(key.next).action();
        }
        later(key, key.plan.get(key.next).after());
    }

    private void later(Key key, Duration after) {
        try {
            timer.schedule(() -> senders.submit(() -> send(key)), after.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopped) {
            // The load was stopped at its deadline; the key is reported as unfinished.
        }
    }

    /** Called with the key's lock held. */
    private void finish(Key key) {
        if (!key.finished) {
            key.finished = true;
            open.decrementAndGet();
        }
    }

    private String body(String dedupKey, Action action) {
        String common = "\"routing_key\":\"" + routingKey + "\",\"dedup_key\":\"" + dedupKey + "\"";
        return switch (action) {
            case TRIGGER -> "{" + common + ",\"event_action\":\"trigger\",\"payload\":{\"summary\":\"Fault run "
                    + dedupKey + "\",\"source\":\"fault-run\",\"severity\":\"critical\"}}";
            case ACKNOWLEDGE -> "{" + common + ",\"event_action\":\"acknowledge\"}";
            case RESOLVE -> "{" + common + ",\"event_action\":\"resolve\"}";
        };
    }

    /**
     * Waits until every key's events are answered 202 (retrying meanwhile), for at most
     * {@code drain} after the load ended (and one request's timeout); then stops sending, and
     * records what each unfinished key waited for. Returns the sender's ledger: a trigger still
     * in flight counts as unanswered, so the ledger is right whatever the server did with it.
     */
    List<KeyLedger> finish(Duration drain) {
        giveUpAt = loadEnd.plus(drain);
        Duration deadline = Duration.between(Instant.now(), giveUpAt).plus(REQUEST_TIMEOUT).plusSeconds(2);
        try {
            Poll.until("the alert load to end and its events to be answered", deadline,
                    () -> open.get() == 0 && Instant.now().isAfter(loadEnd));
        } catch (AssertionError stuck) {
            keys.values().stream().filter(k -> {
                synchronized (k) {
                    return !k.finished;
                }
            }).map(Key::describe).sorted().forEach(unfinished::add);
        }
        timer.shutdownNow();
        senders.shutdownNow();
        return keys.values().stream().map(Key::ledger).toList();
    }

    /** Keys still unanswered when the drain's deadline passed, each with what it waited for. */
    List<String> unfinished() {
        return List.copyOf(unfinished);
    }

    int requests() {
        return requests.get();
    }

    int retries() {
        return retries.get();
    }

    int refused() {
        return refused.get();
    }
}
