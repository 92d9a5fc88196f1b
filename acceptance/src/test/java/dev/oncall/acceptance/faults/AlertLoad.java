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
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady alert load through the Events API, sent as a PagerDuty sender sends: every new dedup
 * key triggers; some are triggered again (deduplicated), acknowledged or resolved by the tool a
 * little later. Each key's events go out one after another; an answer other than 202 (a 5xx, a
 * 429, a refused connection, a timeout) is retried after {@code Retry-After} or a second, against
 * the next graph-api as a load balancer would, until it is answered 202 or the load's deadline
 * passes. Keys and their plans come from the seed.
 */
final class AlertLoad {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private enum Action { TRIGGER, ACKNOWLEDGE, RESOLVE }

    private record Step(Action action, Duration after) {}

    /** The sender's side of one key, changed only by the key's own chain of events. */
    private static final class Key {
        final String name;
        final List<Step> plan;
        int next;
        int triggersAccepted;
        int triggersUnsure;
        boolean acknowledged;
        boolean resolved;

        Key(String name, List<Step> plan) {
            this.name = name;
            this.plan = plan;
        }
    }

    private final List<String> apis;
    private final String routingKey;
    private final Random random;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("alert-load").daemon().factory());
    private final ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Key> keys = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger apiTurn = new AtomicInteger();
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

    /** A key's plan: trigger; maybe trigger again; maybe acknowledge; maybe resolve. */
    private void begin(String name) {
        List<Step> plan = new ArrayList<>();
        synchronized (random) {
            plan.add(new Step(Action.TRIGGER, Duration.ZERO));
            if (random.nextDouble() < 0.3) {
                plan.add(new Step(Action.TRIGGER, Duration.ofSeconds(2 + random.nextInt(9))));
            }
            if (random.nextDouble() < 0.25) {
                plan.add(new Step(Action.ACKNOWLEDGE, Duration.ofSeconds(5 + random.nextInt(30))));
            }
            if (random.nextDouble() < 0.25) {
                plan.add(new Step(Action.RESOLVE, Duration.ofSeconds(5 + random.nextInt(40))));
            }
        }
        Key key = new Key(name, plan);
        keys.put(name, key);
        open.incrementAndGet();
        senders.submit(() -> send(key));
    }

    private void send(Key key) {
        Step step = key.plan.get(key.next);
        requests.incrementAndGet();
        String api = apis.get(Math.floorMod(apiTurn.getAndIncrement(), apis.size()));
        Duration retryAfter = Duration.ofSeconds(1);
        boolean accepted = false;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(api + "/v2/enqueue"))
                    .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(key.name, step.action()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            accepted = answer.statusCode() == 202;
            if (!accepted && answer.statusCode() / 100 == 4 && answer.statusCode() != 429) {
                refused.incrementAndGet();
                done(key);
                return;
            }
            retryAfter = answer.headers().firstValue("Retry-After").map(s -> Duration.ofSeconds(Long.parseLong(s)))
                    .orElse(retryAfter);
        } catch (IOException | NumberFormatException unanswered) {
            // A refused connection, a reset or a timeout: the event may or may not be recorded.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (accepted) {
            switch (step.action()) {
                case TRIGGER -> key.triggersAccepted++;
                case ACKNOWLEDGE -> key.acknowledged = true;
                case RESOLVE -> key.resolved = true;
            }
            key.next++;
            if (key.next == key.plan.size()) {
                done(key);
            } else {
                later(key, key.plan.get(key.next).after());
            }
            return;
        }
        if (step.action() == Action.TRIGGER) {
            key.triggersUnsure++;
        }
        if (Instant.now().isAfter(giveUpAt)) {
            done(key);
            return;
        }
        retries.incrementAndGet();
        later(key, retryAfter);
    }

    private void later(Key key, Duration after) {
        timer.schedule(() -> senders.submit(() -> send(key)), after.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void done(Key key) {
        open.decrementAndGet();
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
     * Waits until every key's events are answered 202 (retrying meanwhile), giving up on the rest
     * after {@code drain}; returns the sender's ledger.
     */
    List<KeyLedger> finish(Duration load, Duration drain) {
        giveUpAt = loadEnd.plus(drain);
        // Past giveUpAt a key stops at its next failed attempt, which the request timeout bounds.
        Duration deadline = Duration.between(Instant.now(), giveUpAt).plus(REQUEST_TIMEOUT.multipliedBy(2)).plusSeconds(15);
        try {
            Poll.until("the alert load to end and its events to be answered", deadline,
                    () -> open.get() == 0 && Instant.now().isAfter(loadEnd));
        } catch (AssertionError stuck) {
            throw new AssertionError(stuck.getMessage() + "; keys not finished: " + keys.values().stream()
                    .filter(k -> k.next < k.plan.size()).limit(20)
                    .map(k -> k.name + " at step " + k.next + " of " + k.plan).toList(), stuck);
        }
        timer.shutdownNow();
        senders.shutdownNow();
        return keys.values().stream().map(k -> new KeyLedger(k.name, k.triggersAccepted, k.triggersUnsure,
                k.acknowledged, k.resolved)).toList();
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
