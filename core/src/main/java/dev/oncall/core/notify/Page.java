package dev.oncall.core.notify;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What one message to one person says: usually one incident; during a storm, several of
 * that person's incidents bundled so their phone does not ring once per alert.
 */
public record Page(UUID userId, List<PagedIncident> incidents) implements Message {
    public Page {
        Objects.requireNonNull(userId, "userId");
        incidents = List.copyOf(incidents);
        if (incidents.isEmpty()) {
            throw new IllegalArgumentException("a page names at least one incident");
        }
    }

    public boolean bundled() {
        return incidents.size() > 1;
    }

    public PagedIncident first() {
        return incidents.getFirst();
    }
}
