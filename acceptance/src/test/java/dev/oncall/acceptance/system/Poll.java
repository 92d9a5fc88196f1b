package dev.oncall.acceptance.system;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for something the system does on its own, with a deadline instead of a sleep. */
public final class Poll {
    public static final Duration DEFAULT = Duration.ofSeconds(60);
    private static final long PAUSE_NANOS = Duration.ofMillis(100).toNanos();

    private Poll() {}

    public static void until(String what, Duration timeout, BooleanSupplier done) {
        value(what, timeout, () -> done.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }

    public static void until(String what, BooleanSupplier done) {
        until(what, DEFAULT, done);
    }

    /** The first present value {@code probe} returns before the deadline. */
    public static <T> T value(String what, Duration timeout, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            // Parks between looks at the system; nothing here assumes how long anything takes.
            LockSupport.parkNanos(PAUSE_NANOS);
        }
    }

    public static <T> T value(String what, Supplier<Optional<T>> probe) {
        return value(what, DEFAULT, probe);
    }
}
