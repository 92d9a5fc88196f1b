package dev.oncall.store.incident;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who did something to an incident, as recorded on its events: a person, the system itself
 * (the escalation engine, a timeout), or an integration (a monitoring tool's routing key).
 */
public record Actor(String type, String id) {
    public static final String USER = "user";
    public static final String SYSTEM = "system";
    public static final String INTEGRATION = "integration";

    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
        if (!type.equals(USER) && !type.equals(SYSTEM) && !type.equals(INTEGRATION)) {
            throw new IllegalArgumentException("actor type must be user, system or integration, not " + type);
        }
    }

    public static Actor user(UUID userId) {
        return new Actor(USER, userId.toString());
    }

    public static Actor system(String component) {
        return new Actor(SYSTEM, component);
    }

    /** An integration, named by its key's id (never by the secret itself). */
    public static Actor integration(String integrationId) {
        return new Actor(INTEGRATION, integrationId);
    }

    /** The user's id when a person acted; recorded as acknowledged_by / resolved_by. */
    public Optional<UUID> userId() {
        return type.equals(USER) ? Optional.of(UUID.fromString(id)) : Optional.empty();
    }
}
