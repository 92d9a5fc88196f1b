package dev.oncall.store.incident;

import dev.oncall.core.incident.ActorType;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Who did something to an incident, as recorded on its events: a person, the system itself
 * (the escalation engine, a timeout), or an integration (a monitoring tool's routing key).
 */
public record Actor(ActorType type, String id) {
    public Actor {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(id, "id");
    }

    public static Actor user(UUID userId) {
        return new Actor(ActorType.USER, userId.toString());
    }

    public static Actor system(String component) {
        return new Actor(ActorType.SYSTEM, component);
    }

    /** An integration, named by its key's id (never by the secret itself). */
    public static Actor integration(String integrationId) {
        return new Actor(ActorType.INTEGRATION, integrationId);
    }

    /** The user's id when a person acted; recorded as acknowledged_by / resolved_by. */
    public Optional<UUID> userId() {
        return type == ActorType.USER ? Optional.of(UUID.fromString(id)) : Optional.empty();
    }
}
