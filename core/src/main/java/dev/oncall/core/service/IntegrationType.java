package dev.oncall.core.service;

import java.util.Locale;
import java.util.Optional;

/** How a monitoring tool sends alerts with a key. */
public enum IntegrationType {
    /** PagerDuty Events API v2: the key is the event's {@code routing_key}. */
    EVENTS_V2,
    /** Prometheus Alertmanager webhook: the key is part of the webhook URL. */
    ALERTMANAGER;

    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<IntegrationType> parse(String code) {
        for (IntegrationType t : values()) {
            if (t.code().equalsIgnoreCase(code == null ? "" : code.strip())) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
