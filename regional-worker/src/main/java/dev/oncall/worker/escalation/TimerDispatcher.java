package dev.oncall.worker.escalation;

import dev.oncall.store.incident.EscalationFiring;
import dev.oncall.store.incident.EscalationSweep;
import dev.oncall.store.incident.EscalationTimers;
import dev.oncall.worker.liveness.WorkerLiveness;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of a worker's escalation: beat, poll the database as asked, and hand what is due to
 * the fire threads, as {@link Dispatch} decides. Each leased timer fires in a transaction of its
 * own through {@link EscalationFiring}; a backlog (the poll found at least
 * {@code backlog-threshold} overdue timers) and timers held without a lease (Redis unavailable)
 * are fired by sweeping the region in batches ({@link EscalationSweep}). Either way the
 * database's conditional update makes a step fire once however many workers try.
 */
public final class TimerDispatcher {
    private static final Logger log = LoggerFactory.getLogger(TimerDispatcher.class);
    /** Timers per sweep transaction: big enough to save most commits, small enough to keep locks short. */
    static final int SWEEP_BATCH = 20; // 100 measured slower (docs/benchmarks.md)

    /** How much to ask the database before firing. */
    public enum Poll {
        /** The full poll (horizon, adoption, overdue count) if the poll interval has passed. */
        IF_DUE,
        /** The full poll now. */
        FULL,
        /** Only this region's timers due now: a wake-up, cheap enough to run on every new incident. */
        DUE_NOW
    }

    /**
     * What a pass handed out: the fires and sweeps it started (each yields how many timers paged,
     * exhausted or re-triggered an incident) and when the next pass is due.
     */
    public record Pass(List<Future<Integer>> work, Instant nextTick) {
        public Pass {
            work = List.copyOf(work);
        }
    }

    private final String region;
    private final Clock clock;
    private final EscalationTimers timers;
    private final EscalationFiring firing;
    private final EscalationSweep sweep;
    private final HeldTimers held;
    private final WorkerLiveness liveness;
    private final EscalationProperties settings;
    private final EscalationMetrics metrics;
    private final ExecutorService firePool;
    private final AtomicInteger sweepers = new AtomicInteger();
    private Optional<Instant> lastPoll = Optional.empty();
    private volatile boolean backlog;
    private volatile boolean sweepFailed;

    public TimerDispatcher(String region, Clock clock, EscalationTimers timers, EscalationFiring firing,
                           EscalationSweep sweep, TimerLeases leases, WorkerLiveness liveness,
                           EscalationProperties settings, EscalationMetrics metrics) {
        this.region = region;
        this.clock = clock;
        this.timers = timers;
        this.firing = firing;
        this.sweep = sweep;
        this.held = new HeldTimers(leases);
        this.liveness = liveness;
        this.settings = settings;
        this.metrics = metrics;
        this.firePool = Executors.newFixedThreadPool(settings.fireThreads(),
                Thread.ofPlatform().name("escalation-fire-", 0).daemon().factory());
    }

    /** The timers this worker holds (the engine renews their leases). */
    HeldTimers held() {
        return held;
    }

    /** Polls as asked and hands every due held timer not already being fired to the fire threads. */
    public synchronized Pass pass(Poll mode) {
        Instant now = clock.instant();
        liveness.beatIfDue(now);
        if (mode == Poll.FULL || Dispatch.pollDue(lastPoll, now, settings.pollInterval())) {
            poll(now);
        } else if (mode == Poll.DUE_NOW) {
            held.take(timers.dueBy(region, now, settings.batchSize()), false);
        }
        Dispatch plan = Dispatch.at(now, held.all(), held.busy(),
                lastPoll.map(p -> p.plus(settings.pollInterval())).orElse(now), backlog,
                !sweepFailed && sweepers.get() == 0);
        List<Future<Integer>> work = new ArrayList<>();
        for (HeldTimer h : plan.fireEach()) {
            held.working(List.of(h));
            submit(work, () -> fire(h), () -> held.idle(List.of(h)));
        }
        if (plan.sweeps()) {
            held.working(plan.sweep());
            int n = plan.sweepBacklog() ? settings.fireThreads() : 1;
            sweepers.set(n);
            for (int i = 0; i < n; i++) {
                submit(work, () -> sweep(plan.sweep()), () -> sweepEnded(plan.sweep(), Optional.empty()));
            }
        }
        return new Pass(work, plan.nextTick());
    }

    private void submit(List<Future<Integer>> work, Callable<Integer> task, Runnable rejected) {
        try {
            work.add(firePool.submit(task));
        } catch (RejectedExecutionException e) {
            rejected.run();
        }
    }

    private void poll(Instant now) {
        lastPoll = Optional.of(now);
        long overdue = timers.overdue(region, now);
        metrics.overdue(overdue);
        sweepFailed = false;
        backlog = overdue >= settings.backlogThreshold();
        if (!backlog) {
            // With a backlog the sweeps take this region's due timers; the next poll after it is
            // cleared takes the upcoming ones.
            held.take(timers.dueBy(region, now.plus(settings.horizon()), settings.batchSize()), false);
        }
        held.take(timers.adoptable(region, now, settings.adoptionGrace(), settings.batchSize()), true);
    }

    private int fire(HeldTimer h) {
        Instant firedAt = clock.instant();
        try {
            EscalationFiring.Outcome outcome = firing.fire(h.timer(), region);
            boolean fired = outcome.advanced();
            if (fired) {
                metrics.fired(outcome, Duration.between(h.dueAt(), firedAt), h.leased(),
                        h.adopted() ? Optional.of(h.timer().region()) : Optional.empty());
            }
            return fired ? 1 : 0;
        } catch (RuntimeException e) {
            log.warn("timer {} of incident {} failed to fire; it stays pending: {}", h.id(), h.timer().incidentId(),
                    e.toString());
            return 0;
        } finally {
            held.fired(h);
        }
    }

    /** Fires the region's due timers batch by batch until a batch finds fewer than it asked for. */
    private int sweep(List<HeldTimer> covered) {
        int fired = 0;
        Optional<Instant> drained = Optional.empty();
        try {
            EscalationSweep.Batch batch;
            do {
                batch = sweep.fireDue(region, SWEEP_BATCH);
                for (EscalationSweep.Fired f : batch.fired()) {
                    if (f.advanced()) {
                        fired++;
                        metrics.fired(f.outcome(), Duration.between(f.timer().dueAt(), batch.at()), false,
                                Optional.empty());
                    }
                }
            } while (batch.claimed() == SWEEP_BATCH);
            drained = Optional.of(batch.at());
        } catch (RuntimeException e) {
            sweepFailed = true;
            log.warn("sweeping the due timers of region {} failed; they fire one by one until the next poll: {}",
                    region, e.toString());
        } finally {
            sweepEnded(covered, drained);
        }
        return fired;
    }

    private void sweepEnded(List<HeldTimer> covered, Optional<Instant> drained) {
        drained.ifPresent(at -> held.drop(Dispatch.sweptAway(held.all(), at)));
        if (sweepers.decrementAndGet() == 0) {
            if (drained.isPresent()) {
                backlog = false;
            }
            held.idle(covered);
        }
    }

    /** Graceful stop: lets the fires in progress finish, then gives every lease back; returns how many. */
    int close() {
        firePool.shutdown();
        try {
            firePool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return held.releaseAll();
    }
}
