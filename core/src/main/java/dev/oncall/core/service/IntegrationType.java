package dev.oncall.core.service;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/** How a monitoring tool sends alerts with a key. */
public enum IntegrationType {
    /** PagerDuty Events API v2: the key is the event's {@code routing_key}. */
    EVENTS_V2,
    /** Prometheus Alertmanager webhook: the key is part of the webhook URL. */
    ALERTMANAGER;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<IntegrationType> parse(String code) {
        return Codes.parse(IntegrationType.class, code);
    }
}
