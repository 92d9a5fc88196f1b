package dev.oncall.store.incident;

import dev.oncall.core.grouping.GroupKey;
import dev.oncall.platform.db.Rows;
import java.time.Instant;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The open groups of a service's alerts, inside ingest's transaction. At most one group per
 * (service, key) is open (a partial unique index, migration V66), and a new alert takes it with
 * one {@code INSERT ... ON CONFLICT}: of two first alerts of a group racing, one opens the group
 * with its incident-to-be and the other joins it, never two incidents. Joining writes the group's
 * row, and resolving its incident closes it, so a join and a resolve of one group never both
 * commit unaware of each other (the second is a serialization conflict, retried).
 */
final class AlertGroups {
    private AlertGroups() {}

    /** The group an alert is in; {@code incident} is the one it was opened with. */
    record Group(UUID id, UUID incident, int alertCount) {
        /** Whether this alert opened the group (so its incident is still to be opened). */
        boolean openedWith(UUID newIncident) {
            return incident.equals(newIncident);
        }
    }

    /** The open group of {@code key}, opened now with {@code newIncident} when the service has none. */
    static Group take(JdbcClient db, UUID serviceId, GroupKey key, UUID newIncident, String region, Instant now) {
        if (key.joinsUntil().isPresent()) {
            // A time-window group whose window has passed takes no more alerts: this one opens the next.
            db.sql("""
                            UPDATE alert_groups SET status = 'closed', closed_at = :now
                            WHERE service_id = :service AND group_key = :key AND status = 'open' AND joins_until <= :now""")
                    .param("now", Rows.param(now)).param("service", serviceId).param("key", key.value()).update();
        }
        return db.sql("""
                        INSERT INTO alert_groups (id, service_id, group_key, incident_id, status, alert_count, home_region,
                                                  opened_at, joins_until)
                        VALUES (:id, :service, :key, :incident, 'open', 1, :region, :now, :until)
                        ON CONFLICT (service_id, group_key) WHERE status = 'open'
                        DO UPDATE SET alert_count = alert_groups.alert_count + 1
                        RETURNING id, incident_id, alert_count""")
                .param("id", UUID.randomUUID()).param("service", serviceId).param("key", key.value())
                .param("incident", newIncident).param("region", region).param("now", Rows.param(now))
                .param("until", key.joinsUntil().map(Rows::param).orElse(null), java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .query((rs, n) -> new Group(Rows.uuid(rs, "id"), Rows.uuid(rs, "incident_id"), rs.getInt("alert_count")))
                .single();
    }

    /** The incident is resolved: its group takes no more alerts; the next alert of its key opens a new one. */
    static void closeFor(JdbcClient db, UUID incidentId, Instant now) {
        db.sql("UPDATE alert_groups SET status = 'closed', closed_at = :now WHERE incident_id = :id AND status = 'open'")
                .param("now", Rows.param(now)).param("id", incidentId).update();
    }
}
