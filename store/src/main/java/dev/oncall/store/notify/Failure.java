package dev.oncall.store.notify;

import dev.oncall.core.validation.Codes;

/** Why a send did not reach the provider's acceptance, as recorded in events and metrics. */
public enum Failure {
    /** The provider refused the message for good (bad number, revoked token …). */
    PERMANENT,
    /** The provider reported the address gone (an unregistered device): the method is switched off. */
    UNREGISTERED,
    /** No answer in time: the provider may or may not have taken it, so the next method is used rather than a retry. */
    TIMEOUT,
    /** Transient errors outlasted the retries. */
    RETRIES_EXHAUSTED,
    /** The provider's circuit breaker is open: it is known to be down. */
    CIRCUIT_OPEN,
    /** The channel is disabled or not configured in this deployment, or the contact method is gone or disabled. */
    UNAVAILABLE,
    /** The provider accepted the message but later reported it undelivered. */
    UNDELIVERED;

    public String code() {
        return Codes.of(this);
    }
}
