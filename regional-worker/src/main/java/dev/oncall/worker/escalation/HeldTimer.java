package dev.oncall.worker.escalation;

import dev.oncall.store.incident.DueTimer;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A timer this worker holds in memory until it fires: under a Redis lease ({@code lease} is the
 * lease's token), or without one while Redis is unavailable. {@code adopted}: it belongs to a
 * silent region.
 */
record HeldTimer(DueTimer timer, Optional<String> lease, boolean adopted) {
    HeldTimer {
        Objects.requireNonNull(timer, "timer");
        Objects.requireNonNull(lease, "lease");
    }

    UUID id() {
        return timer.id();
    }

    Instant dueAt() {
        return timer.dueAt();
    }

    boolean leased() {
        return lease.isPresent();
    }
}
