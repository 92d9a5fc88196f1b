package dev.oncall.store.notify;

import dev.oncall.core.incident.IncidentStatus;
import dev.oncall.core.notify.PagedIncident;
import dev.oncall.core.user.Urgency;
import dev.oncall.platform.db.Transactions;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Incidents as pages show them, read in one query for a whole batch of intents. */
public final class IncidentViews {
    /** An incident's state and what a page says about it. */
    public record View(PagedIncident paged, IncidentStatus status, UUID teamId) {
        public boolean triggered() {
            return status == IncidentStatus.TRIGGERED;
        }
    }

    private final Transactions tx;

    public IncidentViews(Transactions tx) {
        this.tx = tx;
    }

    public Map<UUID, View> load(Collection<UUID> incidentIds) {
        if (incidentIds.isEmpty()) {
            return Map.of();
        }
        List<View> views = tx.read("notify.incidents", db -> db.sql("""
                        SELECT i.id, i.title, i.urgency, i.status, i.team_id, s.name AS service
                        FROM incidents i JOIN services s ON s.id = i.service_id WHERE i.id IN (:ids)""")
                .param("ids", List.copyOf(incidentIds))
                .query((rs, n) -> new View(new PagedIncident(rs.getObject("id", UUID.class), rs.getString("title"),
                        rs.getString("service"), Urgency.parse(rs.getString("urgency")).orElse(Urgency.HIGH),
                        OptionalInt.empty()), IncidentStatus.parse(rs.getString("status")).orElseThrow(), rs.getObject("team_id", UUID.class)))
                .list());
        return views.stream().collect(Collectors.toMap(v -> v.paged().incidentId(), Function.identity()));
    }

    /** The person and incidents one sent message was about (a voice call's keypad answer names the message). */
    public List<Intent> intentsOfMessage(UUID messageId) {
        return tx.read("notify.messageIntents", db -> db.sql("SELECT " + NotificationStore.COLUMNS
                        + " FROM notification_attempts WHERE message_id = :m ORDER BY id")
                .param("m", messageId).query(NotificationStore.INTENT).list());
    }
}
