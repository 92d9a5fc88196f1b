package dev.oncall.acceptance.faults;

import dev.oncall.acceptance.system.AppProcess;
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
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fault run's processes as an orchestrator keeps them, each in a slot of its role and region.
 * A watcher restarts any process that exited and is not frozen, with a restart policy of
 * "always" and a back-off as Kubernetes' CrashLoopBackOff has (capped at {@link #BACKOFF_CAP}):
 * a graph-api or worker started during a database outage exits at start-up, and the auditor
 * exits when it cannot reach the database, so a slot may crash-loop until the database is back.
 *
 * <p>Every change to a slot's process (kill, signal, restart) happens under the slot's lock, so
 * a signal never reaches a pid the slot no longer runs.
 */
final class Fleet implements AutoCloseable {
    static final Duration START = Duration.ofMinutes(3);
    private static final Duration BACKOFF_FIRST = Duration.ofMillis(500);
    static final Duration BACKOFF_CAP = Duration.ofSeconds(4);
    private static final Duration WATCH = Duration.ofMillis(250);
    private static final HttpClient METRICS = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Pattern ADOPTED = Pattern.compile(
            "(?m)^oncall_escalation_timers_adopted_total\\{[^}]*from_region=\"([^\"]+)\"[^}]*} ([0-9.eE+]+)");

    enum Role { API, WORKER, AUDITOR }

    /** One process slot: its role and region, and the process now filling it. */
    static final class Slot {
        final Role role;
        final String region;
        private AppProcess process;
        private boolean frozen;
        /** Restarts since the slot's process was last seen ready: the back-off doubles with each. */
        private int crashLoop;
        private Instant notBefore = Instant.MIN;

        Slot(Role role, String region, AppProcess process) {
            this.role = role;
            this.region = region;
            this.process = process;
        }

        synchronized String name() {
            return process.name();
        }

        synchronized boolean frozen() {
            return frozen;
        }

        synchronized boolean ready() {
            return !frozen && process.isReady();
        }
    }

    private final List<Slot> slots = new CopyOnWriteArrayList<>();
    private final List<String> notes = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("fleet-watcher").daemon().factory());

    Fleet() {
        watcher.scheduleWithFixedDelay(this::watch, WATCH.toMillis(), WATCH.toMillis(), TimeUnit.MILLISECONDS);
    }

    void add(Role role, String region, AppProcess process) {
        slots.add(new Slot(role, region, process));
    }

    List<Slot> of(Role role) {
        return slots.stream().filter(s -> s.role == role).toList();
    }

    List<Slot> of(Role role, String region) {
        return slots.stream().filter(s -> s.role == role && s.region.equals(region)).toList();
    }

    /** SIGKILL; the watcher starts it again. */
    void kill(Slot slot) {
        synchronized (slot) {
            slot.process.kill();
        }
    }

    /** Waits until the slot's process (whichever it is by then) answers ready; false past {@code timeout}. */
    boolean awaitReady(Slot slot, Duration timeout) {
        try {
            Poll.until(slot.name() + " ready again", timeout, slot::ready);
            return true;
        } catch (AssertionError notReady) {
            return false;
        }
    }

    /** SIGSTOP; a slot frozen while its process is down is not restarted until thawed. */
    void freeze(Slot slot) {
        synchronized (slot) {
            slot.frozen = true;
            slot.process.signal("STOP");
        }
    }

    void thaw(Slot slot) {
        synchronized (slot) {
            slot.process.signal("CONT");
            slot.frozen = false;
        }
    }

    private void watch() {
        for (Slot slot : slots) {
            try {
                watch(slot);
            } catch (RuntimeException e) {
                notes.add("restarting " + slot.name() + " failed: " + e);
            }
        }
    }

    private void watch(Slot slot) {
        synchronized (slot) {
            if (slot.frozen) {
                return;
            }
            if (slot.process.isAlive()) {
                if (slot.crashLoop > 0 && slot.process.isReady()) {
                    slot.crashLoop = 0;
                }
                return;
            }
            Instant now = Instant.now();
            if (slot.notBefore == Instant.MIN) {
                Duration backoff = backoff(slot.crashLoop);
                slot.notBefore = now.plus(backoff);
                notes.add(String.format("%s exited (code %s); started again after %.1f s%s", slot.process.name(),
                        slot.process.exitCode().stream().mapToObj(Integer::toString).findFirst().orElse("?"),
                        backoff.toMillis() / 1000.0, slot.crashLoop == 0 ? "" : " (restart " + (slot.crashLoop + 1)
                                + " before it was ready: crash loop)"));
            }
            if (now.isBefore(slot.notBefore)) {
                return;
            }
            slot.notBefore = Instant.MIN;
            slot.crashLoop++;
            slot.process = slot.process.relaunched();
        }
    }

    private static Duration backoff(int restarts) {
        Duration backoff = BACKOFF_FIRST.multipliedBy(1L << Math.min(restarts, 10));
        return backoff.compareTo(BACKOFF_CAP) > 0 ? BACKOFF_CAP : backoff;
    }

    /**
     * Timers adopted from each region, as the workers running now count them
     * ({@code oncall.escalation.timers.adopted}; a restarted worker counts from zero): whether a
     * frozen region's timers were fired by the other region.
     */
    Map<String, Long> adopted() {
        Map<String, Long> adopted = new TreeMap<>();
        for (Slot slot : of(Role.WORKER)) {
            AppProcess process;
            synchronized (slot) {
                process = slot.process;
            }
            Optional<String> url = process.readinessUrl().map(u -> u.replace("/health/readiness", "/prometheus"));
            if (url.isEmpty() || !process.isAlive()) {
                continue;
            }
            try {
                String metrics = METRICS.send(HttpRequest.newBuilder(URI.create(url.get())).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                Matcher m = ADOPTED.matcher(metrics);
                while (m.find()) {
                    adopted.merge(m.group(1), (long) Double.parseDouble(m.group(2)), Long::sum);
                }
            } catch (IOException unanswered) {
                notes.add("could not read " + process.name() + "'s metrics: " + unanswered);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return adopted;
    }

    /** What the watcher did, for the report. */
    List<String> notes() {
        return List.copyOf(notes);
    }

    /** Every process's last lines, for a failed run. */
    String tails() {
        StringBuilder out = new StringBuilder();
        for (Slot slot : slots) {
            synchronized (slot) {
                out.append("--- ").append(slot.process.name()).append(slot.process.isAlive() ? "" : " (exited)").append('\n')
                        .append(slot.process.tail()).append('\n');
            }
        }
        return out.toString();
    }

    /** Stops watching, then stops every process at once (each a graceful stop, then SIGKILL). */
    @Override
    public void close() {
        watcher.shutdownNow();
        try {
            watcher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        ExecutorService stopping = Executors.newVirtualThreadPerTaskExecutor();
        for (Slot slot : slots) {
            AppProcess process;
            synchronized (slot) {
                if (slot.frozen) {
                    slot.process.signal("CONT");
                    slot.frozen = false;
                }
                process = slot.process;
            }
            stops.add(CompletableFuture.runAsync(process::close, stopping));
        }
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
        stopping.close();
    }
}
