package dev.oncall.store.incident;

import dev.oncall.core.incident.NotificationPlan.Planned;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Who a page reaches and how, resolved before it is written: the people in target order, each
 * person's plan for the incident's urgency (maybe empty), and, when the configuration could not
 * be read, the snapshot it was resolved from instead.
 */
record Page(List<UUID> users, Map<UUID, List<Planned>> plans, Optional<FromSnapshot> fromSnapshot) {
    Page {
        users = List.copyOf(users);
        Map<UUID, List<Planned>> copy = new LinkedHashMap<>();
        plans.forEach((u, p) -> copy.put(u, List.copyOf(p)));
        plans = java.util.Collections.unmodifiableMap(copy);
    }

    /** The snapshot a page was resolved from: its configuration version and its age when it paged. */
    record FromSnapshot(long version, Duration age) {}

    /** Records on the page's event where its recipients came from, when not from a fresh read. */
    NewEvent describe(NewEvent event) {
        return fromSnapshot.map(s -> event.with("resolvedFrom", "snapshot").with("snapshotVersion", s.version())
                .with("snapshotAgeSeconds", s.age().toSeconds())).orElse(event);
    }
}
