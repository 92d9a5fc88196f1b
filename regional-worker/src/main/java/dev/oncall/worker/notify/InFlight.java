package dev.oncall.worker.notify;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sender's messages between claim and record. At shutdown the sender stops claiming and waits
 * for them: a message the provider accepted is recorded (through an outage too, while its claim
 * holds) before the worker lets its database connections go, instead of being sent again by
 * another worker once the claim expires.
 */
final class InFlight {
    private static final Logger log = LoggerFactory.getLogger(InFlight.class);
    private final Set<CompletableFuture<?>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Whether the sender is shutting down: it claims nothing more. */
    boolean closed() {
        return closed;
    }

    <T> CompletableFuture<T> track(CompletableFuture<T> send) {
        running.add(send);
        send.whenComplete((r, e) -> running.remove(send));
        return send;
    }

    /** Stops new claims and waits up to {@code atMost} for the messages in flight to be recorded. */
    void close(String sender, Duration atMost) {
        closed = true;
        try {
            CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get(atMost.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("{} stopped with {} messages still unrecorded; they are sent again once their claims expire",
                    sender, running.size());
        } catch (ExecutionException e) {
            // Each send logged its own failure.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
