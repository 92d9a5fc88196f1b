package dev.oncall.worker.notify;

import dev.oncall.store.notify.Failure;

/**
 * A provider did not accept a message. {@link Failure#RETRIES_EXHAUSTED} is never thrown by
 * a channel: a channel says {@code transient} and the retry around it decides when to give up.
 */
public final class DeliveryException extends Exception {
    /** How the sender reacts. */
    public enum Kind {
        /** Worth retrying the same provider soon: 5xx, 429, a refused connection. */
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

    /** True when {@code e} or one of its causes is a timeout of the HTTP or socket layer. */
    public static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException
                    || t instanceof org.apache.hc.client5.http.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
