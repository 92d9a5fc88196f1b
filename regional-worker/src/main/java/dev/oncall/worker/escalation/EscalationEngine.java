package dev.oncall.worker.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a worker's escalation on its own threads: a pass of the {@link TimerDispatcher} at each
 * held timer's due time and at least every poll interval, an extra pass on each wake-up, and the
 * renewal of the held timers' leases. Time comes from the injected clock.
 */
public final class EscalationEngine {
    private static final Logger log = LoggerFactory.getLogger(EscalationEngine.class);

    private final TimerDispatcher dispatcher;
    private final Clock clock;
    private final EscalationProperties settings;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2,
            Thread.ofPlatform().name("escalation-tick-", 0).daemon().factory());
    private final AtomicBoolean wakeQueued = new AtomicBoolean();
    private volatile boolean running;

    public EscalationEngine(TimerDispatcher dispatcher, Clock clock, EscalationProperties settings) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.settings = settings;
    }

    /** Ticks at each due time (at least every poll interval) and renews leases. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        scheduler.execute(this::tick);
        long period = settings.leaseRenewal().toMillis();
        scheduler.scheduleAtFixedRate(this::renew, period, period, TimeUnit.MILLISECONDS);
    }

    /** Graceful shutdown: stop ticking, let the fires in progress finish, give every lease back. */
    public void stop() {
        running = false;
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(settings.pollInterval().toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int released = dispatcher.close();
        log.info("escalation engine stopped; released {} timer leases", released);
    }

    /**
     * A new incident's first timer is due now: fetch what is due and fire it at once, off the
     * caller's thread. Wake-ups arriving while one is queued are folded into it.
     */
    public void wake() {
        if (running && wakeQueued.compareAndSet(false, true)) {
            try {
                scheduler.execute(() -> {
                    wakeQueued.set(false);
                    try {
                        dispatcher.pass(TimerDispatcher.Poll.DUE_NOW);
                    } catch (RuntimeException e) {
                        log.warn("woken escalation run failed: {}", e.toString());
                    }
                });
            } catch (RejectedExecutionException e) {
                wakeQueued.set(false);
            }
        }
    }

    private void tick() {
        if (!running) {
            return;
        }
        Duration poll = settings.pollInterval();
        Instant next = clock.instant().plus(poll);
        try {
            next = dispatcher.pass(TimerDispatcher.Poll.IF_DUE).nextTick();
        } catch (RuntimeException e) {
            log.error("escalation tick failed; retrying at the next poll: {}", e.toString(), e);
        }
        long delay = Math.max(1, Math.min(Duration.between(clock.instant(), next).toMillis(), poll.toMillis()));
        try {
            scheduler.schedule(this::tick, delay, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("engine stopping, no further ticks");
        }
    }

    private void renew() {
        try {
            dispatcher.held().renew();
        } catch (RuntimeException e) {
            log.warn("lease renewal failed: {}", e.toString());
        }
    }
}
