package dev.oncall.worker.escalation;

import dev.oncall.store.incident.DueTimer;
import dev.oncall.store.incident.EscalationFiring;
import dev.oncall.store.incident.EscalationTimers;
import dev.oncall.worker.liveness.WorkerLiveness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker's escalation timers. Each poll loads the region's timers due within the horizon
 * (and silent regions' overdue ones), leases those nobody else holds, and keeps them in memory;
 * each is fired when the clock reaches its due time. Firing goes through
 * {@link EscalationFiring}, whose conditional update makes a step fire once however many
 * workers try; leases only keep workers from duplicating the effort. With Redis unavailable,
 * timers are held without a lease and claimed in the database at fire time.
 *
 * <p>Time comes from the injected clock. {@link #start()} runs the engine on its own threads;
 * tests instead call {@link #runOnce(boolean)} after moving the clock.
 */
public final class EscalationEngine {
    private static final Logger log = LoggerFactory.getLogger(EscalationEngine.class);

    /** A timer this worker holds; {@code token} is empty when it was taken without a lease. */
    private record Held(DueTimer timer, Optional<String> token, boolean adopted) {}

    private final String region;
    private final Clock clock;
    private final EscalationTimers timers;
    private final EscalationFiring firing;
    private final TimerLeases leases;
    private final WorkerLiveness heartbeats;
    private final EscalationProperties settings;
    private final EscalationMetrics metrics;
    private final Map<UUID, Held> held = new ConcurrentHashMap<>();
    private final Map<UUID, Boolean> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService firePool;
    private ScheduledExecutorService scheduler;
    private Instant lastPoll;
    private volatile boolean running;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private boolean renewing;
    private boolean ticking;

    public EscalationEngine(String region, Clock clock, EscalationTimers timers, EscalationFiring firing,
                            TimerLeases leases, WorkerLiveness heartbeats, EscalationProperties settings,
                            EscalationMetrics metrics) {
        this.region = region;
        this.clock = clock;
        this.timers = timers;
        this.firing = firing;
        this.leases = leases;
        this.heartbeats = heartbeats;
        this.settings = settings;
        this.metrics = metrics;
        this.firePool = Executors.newFixedThreadPool(settings.fireThreads(),
                Thread.ofPlatform().name("escalation-fire-", 0).daemon().factory());
    }

    /** Runs the engine: ticks at each due time (at least every poll interval) and renews leases. */
    public synchronized void start() {
        if (ticking) {
            return;
        }
        ticking = true;
        running = true;
        if (scheduler == null) {
            scheduler = Executors.newScheduledThreadPool(2,
                    Thread.ofPlatform().name("escalation-tick-", 0).daemon().factory());
        }
        scheduler.execute(this::loop);
        startRenewals();
    }

    /** Only the lease renewals (tests drive ticks themselves, renewals must follow real time like Redis). */
    public synchronized void startRenewals() {
        running = true;
        if (renewing) {
            return;
        }
        renewing = true;
        if (scheduler == null) {
            scheduler = Executors.newScheduledThreadPool(2, Thread.ofPlatform().name("escalation-tick-", 0).daemon().factory());
        }
        long period = settings.leaseRenewal().toMillis();
        scheduler.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Graceful shutdown: stop ticking, let the fires in progress finish, give every lease back. */
    public void stop() {
        running = false;
        try {
            if (scheduler != null) {
                scheduler.shutdown();
                scheduler.awaitTermination(settings.pollInterval().toMillis() + 5_000, TimeUnit.MILLISECONDS);
            }
            firePool.shutdown();
            firePool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<UUID, String> tokens = tokens();
        held.clear();
        leases.release(tokens);
        log.info("escalation engine stopped; released {} timer leases", tokens.size());
    }

    /** Dies as under SIGKILL: threads gone, leases left to expire in Redis. */
    public void abandon() {
        running = false;
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        firePool.shutdownNow();
        held.clear();
    }

    /**
     * A new incident's first timer is due now: fetch what is due and fire it at once, off the
     * caller's thread. Wake-ups arriving while one is queued are folded into it.
     */
    public void wake() {
        ScheduledExecutorService s = scheduler;
        if (running && s != null && !s.isShutdown() && wakeQueued.compareAndSet(false, true)) {
            try {
                s.execute(() -> {
                    wakeQueued.set(false);
                    try {
                        dispatch(Poll.DUE_NOW);
                    } catch (RuntimeException e) {
                        log.warn("woken escalation run failed: {}", e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false);
            }
        }
    }

    public int heldCount() {
        return held.size();
    }

    private void loop() {
        if (!running) {
            return;
        }
        try {
            dispatch(Poll.IF_DUE);
        } catch (RuntimeException e) {
            log.error("escalation tick failed; retrying at the next poll: {}", e.toString(), e);
        }
        Instant now = clock.instant();
        Instant next = lastPoll == null ? now : lastPoll.plus(settings.pollInterval());
        for (Held h : held.values()) {
            if (!inFlight.containsKey(h.timer().id()) && h.timer().dueAt().isBefore(next)) {
                next = h.timer().dueAt();
            }
        }
        long delay = Math.max(1, Math.min(Duration.between(now, next).toMillis(), settings.pollInterval().toMillis()));
        if (running) {
            try {
                scheduler.schedule(this::loop, delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.debug("engine stopping, no further ticks");
            }
        }
    }

    /**
     * Heartbeat, poll (when the poll interval has passed, or {@code forcePoll}), then fire every
     * held timer that is due and wait for those fires. Returns how many timers paged, exhausted
     * or re-triggered an incident. (The running engine does the same without waiting, so a
     * slow fire never delays the next due timer.)
     */
    public int runOnce(boolean forcePoll) {
        int fired = 0;
        try {
            for (Future<Boolean> f : dispatch(forcePoll ? Poll.FULL : Poll.IF_DUE)) {
                fired += f.get() ? 1 : 0;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return fired;
    }

    /** How much to ask the database before firing. */
    private enum Poll {
        /** The full poll (horizon, adoption, overdue count) if the poll interval has passed. */
        IF_DUE,
        /** The full poll now. */
        FULL,
        /** Only this region's timers due now: a wake-up, cheap enough to run on every new incident. */
        DUE_NOW
    }

    /** Polls as asked and hands every due held timer not already being fired to the fire threads. */
    private synchronized List<Future<Boolean>> dispatch(Poll mode) {
        Instant now = clock.instant();
        heartbeats.beatIfDue(now);
        boolean pollDue = lastPoll == null || !now.isBefore(lastPoll.plus(settings.pollInterval()))
                || now.isBefore(lastPoll);
        if (mode == Poll.FULL || pollDue) {
            poll(now);
        } else if (mode == Poll.DUE_NOW) {
            take(timers.dueBy(region, now, settings.batchSize()), false);
        }
        List<Held> due = held.values().stream()
                .filter(h -> !h.timer().dueAt().isAfter(now) && !inFlight.containsKey(h.timer().id()))
                .sorted((a, b) -> a.timer().dueAt().compareTo(b.timer().dueAt())).toList();
        List<Future<Boolean>> fires = new ArrayList<>();
        for (Held h : due) {
            inFlight.put(h.timer().id(), Boolean.TRUE);
            try {
                fires.add(firePool.submit(() -> fire(h)));
            } catch (RejectedExecutionException e) {
                inFlight.remove(h.timer().id());
            }
        }
        return fires;
    }

    private void poll(Instant now) {
        lastPoll = now;
        take(timers.dueBy(region, now.plus(settings.horizon()), settings.batchSize()), false);
        take(timers.adoptable(region, now, settings.adoptionGrace(), settings.batchSize()), true);
        metrics.overdue(timers.overdue(region, now));
    }

    /** Holds the timers not held yet: leased, or without a lease while Redis is unavailable. */
    private void take(List<DueTimer> found, boolean adopted) {
        Map<UUID, Held> candidates = new LinkedHashMap<>();
        for (DueTimer t : found) {
            if (!held.containsKey(t.id())) {
                candidates.put(t.id(), new Held(t, Optional.empty(), adopted));
            }
        }
        if (candidates.isEmpty()) {
            return;
        }
        TimerLeases.Acquired acquired = leases.acquire(candidates.keySet());
        for (Held c : candidates.values()) {
            if (!acquired.available()) {
                held.put(c.timer().id(), c);
            } else {
                String token = acquired.tokens().get(c.timer().id());
                if (token != null) {
                    held.put(c.timer().id(), new Held(c.timer(), Optional.of(token), c.adopted()));
                }
            }
        }
    }

    private boolean fire(Held h) {
        Instant firedAt = clock.instant();
        boolean fired = false;
        try {
            EscalationFiring.Outcome outcome = firing.fire(h.timer(), region);
            fired = outcome == EscalationFiring.Outcome.STEP_FIRED || outcome == EscalationFiring.Outcome.EXHAUSTED
                    || outcome == EscalationFiring.Outcome.RETRIGGERED;
            if (fired) {
                metrics.fired(outcome, Duration.between(h.timer().dueAt(), firedAt), h.token().isPresent(),
                        h.adopted() ? Optional.of(h.timer().region()) : Optional.empty());
            }
        } catch (RuntimeException e) {
            log.warn("timer {} of incident {} failed to fire; it stays pending: {}", h.timer().id(),
                    h.timer().incidentId(), e.toString());
        } finally {
            held.remove(h.timer().id());
            inFlight.remove(h.timer().id());
            h.token().ifPresent(token -> leases.release(Map.of(h.timer().id(), token)));
        }
        return fired;
    }

    private void renew() {
        try {
            Map<UUID, String> tokens = tokens();
            for (UUID lost : leases.renew(tokens)) {
                held.remove(lost);
            }
        } catch (RuntimeException e) {
            log.warn("lease renewal failed: {}", e.toString());
        }
    }

    private Map<UUID, String> tokens() {
        Map<UUID, String> tokens = new HashMap<>();
        held.values().forEach(h -> h.token().ifPresent(t -> tokens.put(h.timer().id(), t)));
        return tokens;
    }
}
