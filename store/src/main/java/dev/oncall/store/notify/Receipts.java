package dev.oncall.store.notify;

import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Delivery-status callbacks from providers (Twilio's message and call statuses): the receipt
 * of a message the provider had already accepted. A final "delivered" is an event; a final
 * failure is an event too and moves the person on to their next contact method, exactly as a
 * refused send would have. Statuses of verification codes and test notifications are recorded
 * on their {@link ContactMessage}.
 */
public final class Receipts {
    /** What a provider status means for the intents it covers. */
    public enum Outcome { IN_PROGRESS, DELIVERED, FAILED }

    private final Transactions tx;
    private final IncidentEventLog events;

    public Receipts(Transactions tx, IncidentEventLog events) {
        this.tx = tx;
        this.events = events;
    }

    /**
     * Records {@code status} for every intent sent as {@code providerMessageId}; returns how many
     * intents changed. A repeated callback (providers retry them) changes nothing and adds no event.
     */
    public int record(String provider, String providerMessageId, String status, Outcome outcome, Instant now) {
        Set<UUID> teams = new LinkedHashSet<>();
        int changed = tx.write("notify.receipt", db -> {
            teams.clear();
            String state = switch (outcome) {
                case IN_PROGRESS -> null;
                case DELIVERED -> "delivered";
                case FAILED -> "failed";
            };
            List<Intent> intents = db.sql("""
                            UPDATE notification_attempts
                            SET provider_status = :status, state = COALESCE(CAST(:state AS VARCHAR), state), updated_at = :now
                            WHERE provider = :provider AND provider_message_id = :pmid
                              AND state IN ('sent', 'delivered')
                              AND provider_status IS DISTINCT FROM :status
                            RETURNING\s""" + NotificationStore.COLUMNS)
                    .param("status", status).param("state", state).param("now", Rows.param(now))
                    .param("provider", provider).param("pmid", providerMessageId)
                    .query(NotificationStore.INTENT).list();
            // A verification code or test notification has no intent; its own record says how it went.
            ContactMessages.receipt(db, provider, providerMessageId, status, state, now);
            if (outcome == Outcome.IN_PROGRESS) {
                return intents.size();
            }
            for (Intent i : intents) {
                Map<String, Object> data = NotificationStore.describe(i);
                data.put("provider", provider);
                data.put("provider_message_id", providerMessageId);
                data.put("provider_status", status);
                IncidentEventKind kind = IncidentEventKind.NOTIFICATION_DELIVERED;
                if (outcome == Outcome.FAILED) {
                    kind = IncidentEventKind.NOTIFICATION_FAILED;
                    data.put("failure", Failure.UNDELIVERED.code());
                    NotificationStore.advance(db, i.incidentId(), i.userId(), now).ifPresent(next -> {
                        data.put("next_attempt_id", next.id().toString());
                        data.put("next_channel", next.channel().code());
                    });
                }
                IncidentEventLog.append(db, i.incidentId(), kind, NotificationStore.ACTOR, NotificationStore.channelOf(i),
                        data, now).ifPresent(teams::add);
            }
            return intents.size();
        });
        events.publish(teams);
        return changed;
    }
}
