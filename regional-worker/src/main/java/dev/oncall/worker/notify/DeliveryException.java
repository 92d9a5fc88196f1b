package dev.oncall.worker.notify;

import dev.oncall.store.notify.Failure;
import dev.oncall.store.outbound.RetryPolicy;
import java.io.IOException;

/**
 * A provider did not accept a message. {@link Failure#RETRIES_EXHAUSTED} is never thrown by
 * a channel: a channel says {@code transient} and the retry around it decides when to give up.
 */
public final class DeliveryException extends Exception {
    /** How the sender reacts. */
    public enum Kind {
        /** Worth retrying the same provider soon ({@link RetryPolicy}): 5xx, 429, a refused connection. */
        TRANSIENT,
        /** The provider said no for good: move on to the person's next method. */
        PERMANENT,
        /** The address is gone (unregistered device): switch the contact method off, move on. */
        UNREGISTERED,
        /** No answer in time; the provider may have taken it, so no retry: move on. */
        TIMEOUT,
        /** This deployment does not serve the channel: move on. */
        UNAVAILABLE,
        /** The provider's circuit breaker is open (it is known to be down): move on. */
        CIRCUIT_OPEN
    }

    private final Kind kind;

    public DeliveryException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public DeliveryException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public Failure failure() {
        return switch (kind) {
            case TRANSIENT -> Failure.RETRIES_EXHAUSTED;
            case PERMANENT -> Failure.PERMANENT;
            case UNREGISTERED -> Failure.UNREGISTERED;
            case TIMEOUT -> Failure.TIMEOUT;
            case UNAVAILABLE -> Failure.UNAVAILABLE;
            case CIRCUIT_OPEN -> Failure.CIRCUIT_OPEN;
        };
    }

    /**
     * A call to {@code provider} that got no answer, as the {@link RetryPolicy} sees it: a timeout
     * (the provider may have taken it, so the sender moves on), or a transient failure.
     */
    static DeliveryException unanswered(String provider, IOException e) {
        if (RetryPolicy.timedOut(e)) {
            return new DeliveryException(Kind.TIMEOUT, provider + " did not answer in time", e);
        }
        return new DeliveryException(Kind.TRANSIENT, provider + " unreachable: " + e, e);
    }

    /** How the sender reacts to a status that is not a success: retried when {@link RetryPolicy#retryable(int)}. */
    static Kind ofStatus(int status) {
        return RetryPolicy.retryable(status) ? Kind.TRANSIENT : Kind.PERMANENT;
    }
}
