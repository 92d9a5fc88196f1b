package dev.oncall.worker.notify;

import dev.oncall.core.user.ContactMethodType;

/**
 * One way of reaching people (push, SMS, voice, email, Slack, webhook), behind the provider
 * that carries it. A channel sends exactly one provider request per call and never retries
 * itself: retries, backoff and the circuit breaker are applied around it, per provider.
 */
public interface Channel {
    /** The contact method type it serves. */
    ContactMethodType type();

    /** The provider, naming its circuit breaker and metrics: {@code fcm}, {@code twilio}, {@code smtp}, {@code slack}, {@code webhook}, {@code log}. */
    String provider();

    /** Hands the message to the provider; returns once the provider accepted it. */
    Receipt send(Delivery delivery) throws DeliveryException;
}
