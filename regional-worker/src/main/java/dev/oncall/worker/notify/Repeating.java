package dev.oncall.worker.notify;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a pass for as long as the worker runs: straight again while a pass found work, else
 * after the interval. A failing pass (the database failing over, say) is logged and retried
 * at the next interval. Stops at shutdown; work in flight finishes or is retaken by claim expiry.
 */
public final class Repeating implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(Repeating.class);
    private final String name;
    private final BooleanSupplier pass;
    private final Duration interval;
    private volatile boolean running;
    private Thread thread;

    /** @param pass one pass; returns true when it found work and should run again at once */
    public Repeating(String name, BooleanSupplier pass, Duration interval) {
        this.name = name;
        this.pass = pass;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name(name).daemon().start(this::loop);
        log.info("{} started, every {}", name, interval);
    }

    private void loop() {
        while (running) {
            boolean more = false;
            try {
                more = pass.getAsBoolean();
            } catch (RuntimeException e) {
                log.warn("{} pass failed: {}", name, e.toString());
            }
            if (!more && running) {
                LockSupport.parkNanos(interval.toNanos());
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(interval.plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
