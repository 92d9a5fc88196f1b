package dev.oncall.core.service;

import java.util.Objects;
import java.util.UUID;

/** A routing key that sends alerts to a service. */
public record IntegrationKey(UUID id, UUID serviceId, IntegrationType type, String name, String secret) {
    public IntegrationKey {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(serviceId, "serviceId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(secret, "secret");
    }
}
