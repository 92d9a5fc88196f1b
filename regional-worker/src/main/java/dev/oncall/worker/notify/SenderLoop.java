package dev.oncall.worker.notify;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the sender for as long as the worker runs: straight again while there is work, else
 * after the poll interval. Stops claiming at shutdown; messages in flight finish (their claims
 * would otherwise expire and be retaken anyway).
 */
public final class SenderLoop implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SenderLoop.class);
    private final Sender sender;
    private final Duration pollInterval;
    private volatile boolean running;
    private Thread thread;

    public SenderLoop(Sender sender, Duration pollInterval) {
        this.sender = sender;
        this.pollInterval = pollInterval;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("notification-sender").daemon().start(this::loop);
        log.info("notification sender {} started", sender.worker());
    }

    private void loop() {
        while (running) {
            int claimed = 0;
            try {
                claimed = sender.runOnce().claimed();
            } catch (RuntimeException e) {
                // The database may be failing over; the next pass tries again.
                log.warn("notification pass failed: {}", e.toString());
            }
            if (claimed == 0 && running) {
                LockSupport.parkNanos(pollInterval.toNanos());
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            LockSupport.unpark(thread);
            try {
                thread.join(pollInterval.plusSeconds(5).toMillis());
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
