package dev.oncall.store.notify;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.incident.IncidentEventKind;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.incident.Actor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The senders' side of {@code notification_attempts}: claiming due intents, recording what
 * the provider said, and moving a person on to their next contact method. Every state change
 * is conditional on the row still being in the state (and claim) the caller believes it is,
 * and appends its incident events in the same transaction.
 */
public final class NotificationStore {
    static final String COLUMNS = "id, incident_id, user_id, contact_method_id, channel, step, loop_count, "
            + "idempotency_key, not_before, attempts, claimed_until";
    static final RowMapper<Intent> INTENT = (rs, n) -> new Intent(Rows.uuid(rs, "id"), Rows.uuid(rs, "incident_id"),
            Rows.uuid(rs, "user_id"), Optional.ofNullable(Rows.uuid(rs, "contact_method_id")), channel(rs.getString("channel")),
            rs.getInt("step"), rs.getInt("loop_count"), rs.getString("idempotency_key"), Rows.instant(rs, "not_before"),
            rs.getInt("attempts"), Rows.optionalInstant(rs, "claimed_until"));
    /** Who records what the senders did, on the incidents' logs. */
    static final Actor ACTOR = Actor.system("notifier");

    private final Transactions tx;
    private final IncidentEventLog events;

    public NotificationStore(Transactions tx, IncidentEventLog events) {
        this.tx = tx;
        this.events = events;
    }

    /**
     * Claims up to {@code batch} intents of {@code region} that are due at {@code now}, or whose
     * previous claim expired (its sender died), for {@code ttl}. Intents of incidents that are no
     * longer triggered are cancelled instead. One set-based statement; SKIP LOCKED lets many
     * senders claim side by side without waiting on each other's rows.
     */
    public List<Intent> claim(String region, String worker, Instant now, Duration ttl, int batch) {
        return tx.write("notify.claim", db -> {
            db.sql("""
                            UPDATE notification_attempts
                            SET state = 'cancelled', claimed_by = NULL, claimed_until = NULL, updated_at = :now,
                                last_error = 'incident no longer triggered'
                            WHERE region = :region
                              AND ((state = 'pending' AND not_before <= :now) OR (state = 'sending' AND claimed_until <= :now))
                              AND incident_id IN (SELECT id FROM incidents WHERE status <> 'triggered')""")
                    .param("region", region).param("now", Rows.param(now)).update();
            return db.sql("""
                            UPDATE notification_attempts
                            SET state = 'sending', claimed_by = :worker, claimed_until = :until, updated_at = :now
                            WHERE id IN (
                                SELECT id FROM notification_attempts
                                WHERE region = :region
                                  AND ((state = 'pending' AND not_before <= :now)
                                       OR (state = 'sending' AND claimed_until <= :now))
                                ORDER BY not_before, id
                                LIMIT :batch
                                FOR UPDATE SKIP LOCKED)
                            RETURNING\s""" + COLUMNS)
                    .param("worker", worker).param("until", Rows.param(now.plus(ttl)))
                    .param("now", Rows.param(now)).param("region", region).param("batch", batch)
                    .query(INTENT).list();
        });
    }

    /**
     * Records the provider's acceptance of one message carrying {@code intents}, all taken under
     * one claim. Returns the intents this sender still held; one missing means its claim had
     * expired and another claim took it over (the duplicate window). Events are written for every
     * intent sent, since each was sent.
     *
     * <p>Safe to call again with the same arguments, as a sender does when the database went away
     * before it heard whether the commit happened: intents already recorded as {@code messageId}
     * count as held and get no second event.
     */
    public List<UUID> markSent(List<Intent> intents, String worker, String provider, String providerMessageId,
                               UUID messageId, int calls, Instant now) {
        Set<UUID> teams = new LinkedHashSet<>();
        List<UUID> held = tx.write("notify.sent", db -> {
            teams.clear();
            List<UUID> recorded = db.sql("""
                            SELECT id FROM notification_attempts WHERE id IN (:ids) AND message_id = :message""")
                    .param("ids", ids(intents)).param("message", messageId).query(UUID.class).list();
            List<UUID> updated = new ArrayList<>(db.sql("""
                            UPDATE notification_attempts
                            SET state = 'sent', provider = :provider, provider_message_id = :pmid, message_id = :message,
                                sent_at = :now, updated_at = :now, claimed_until = NULL, last_error = NULL,
                                attempts = attempts + :calls
                            WHERE id IN (:ids) AND state = 'sending' AND claimed_by = :worker AND claimed_until = :until
                            RETURNING id""")
                    .param("provider", provider).param("pmid", providerMessageId).param("message", messageId)
                    .param("now", Rows.param(now)).param("calls", calls).param("ids", ids(intents))
                    .param("worker", worker).param("until", Rows.param(claimedUntil(intents)))
                    .query(UUID.class).list());
            for (Intent i : intents) {
                if (recorded.contains(i.id())) {
                    continue;
                }
                Map<String, Object> data = describe(i);
                data.put("provider", provider);
                data.put("provider_message_id", providerMessageId);
                data.put("message_id", messageId.toString());
                data.put("bundle_size", intents.size());
                data.put("calls", calls);
                if (!updated.contains(i.id())) {
                    data.put("claim_lost", true);
                }
                IncidentEventLog.append(db, i.incidentId(), IncidentEventKind.NOTIFICATION_SENT, ACTOR, channelOf(i),
                        data, now).ifPresent(teams::add);
            }
            updated.addAll(recorded);
            return updated;
        });
        events.publish(teams);
        return held;
    }

    /**
     * Records that {@code intents}, all taken under one claim, could not be delivered and, for
     * each person and incident, makes their next pending contact method due now: a failed method
     * never makes anyone wait for its rule's delay. Safe to call again with the same arguments
     * (the database went away before the sender heard of the commit): intents this sender already
     * recorded failed at {@code now} are left alone.
     */
    public void markFailed(List<Intent> intents, String worker, String provider, Failure failure, String error,
                           int calls, Instant now) {
        Set<UUID> teams = new LinkedHashSet<>();
        tx.write("notify.failed", db -> {
            teams.clear();
            List<UUID> recorded = db.sql("""
                            SELECT id FROM notification_attempts
                            WHERE id IN (:ids) AND state = 'failed' AND claimed_by = :worker AND claimed_until IS NULL
                              AND updated_at = :now""")
                    .param("ids", ids(intents)).param("worker", worker).param("now", Rows.param(now))
                    .query(UUID.class).list();
            db.sql("""
                            UPDATE notification_attempts
                            SET state = 'failed', provider = :provider, last_error = :error, updated_at = :now,
                                claimed_until = NULL, attempts = attempts + :calls
                            WHERE id IN (:ids) AND state = 'sending' AND claimed_by = :worker AND claimed_until = :until""")
                    .param("provider", provider).param("error", truncate(failure.code() + ": " + error))
                    .param("now", Rows.param(now)).param("calls", calls).param("ids", ids(intents))
                    .param("worker", worker).param("until", Rows.param(claimedUntil(intents))).update();
            for (Intent i : intents) {
                if (recorded.contains(i.id())) {
                    continue;
                }
                Map<String, Object> data = describe(i);
                data.put("provider", provider);
                data.put("failure", failure.code());
                data.put("error", truncate(error));
                data.put("calls", calls);
                advance(db, i.incidentId(), i.userId(), now).ifPresent(next -> {
                    data.put("next_attempt_id", next.id().toString());
                    data.put("next_channel", next.channel().code());
                });
                IncidentEventLog.append(db, i.incidentId(), IncidentEventKind.NOTIFICATION_FAILED, ACTOR,
                        channelOf(i), data, now).ifPresent(teams::add);
            }
            return null;
        });
        events.publish(teams);
    }

    /** Gives claimed intents back, due at {@code notBefore} (a rate limit holds them for a later bundle). */
    public void release(List<Intent> intents, String worker, Instant notBefore, Instant now) {
        tx.write("notify.release", db -> db.sql("""
                        UPDATE notification_attempts
                        SET state = 'pending', not_before = :notBefore, claimed_by = NULL, claimed_until = NULL,
                            updated_at = :now
                        WHERE id IN (:ids) AND state = 'sending' AND claimed_by = :worker""")
                .param("notBefore", Rows.param(notBefore)).param("now", Rows.param(now)).param("ids", ids(intents))
                .param("worker", worker).update());
    }

    /** Messages sent to a person on a channel since {@code since}, and when the oldest of them went. */
    public RateWindow sentSince(UUID userId, ContactMethodType channel, Instant since) {
        return tx.read("notify.rate", db -> db.sql("""
                        SELECT count(DISTINCT message_id) AS n, min(sent_at) AS oldest FROM notification_attempts
                        WHERE user_id = :user AND channel = :channel AND sent_at > :since AND message_id IS NOT NULL""")
                .param("user", userId).param("channel", channel.code()).param("since", Rows.param(since))
                .query((rs, n) -> new RateWindow(rs.getInt("n"), Optional.ofNullable(Rows.instant(rs, "oldest"))))
                .single());
    }

    /** How many messages a person got on a channel inside a window, and when the oldest went. */
    public record RateWindow(int messages, Optional<Instant> oldest) {}

    /**
     * The pending intent of this person for this incident that is due next; when it is not
     * due yet, it is made due at {@code now}.
     */
    static Optional<Intent> advance(JdbcClient db, UUID incidentId, UUID userId, Instant now) {
        Optional<Intent> next = db.sql("SELECT " + COLUMNS + """
                         FROM notification_attempts
                        WHERE incident_id = :incident AND user_id = :user AND state = 'pending'
                        ORDER BY not_before, id LIMIT 1""")
                .param("incident", incidentId).param("user", userId).query(INTENT).optional();
        next.filter(n -> n.notBefore().isAfter(now)).ifPresent(n -> db.sql(
                        "UPDATE notification_attempts SET not_before = :now, updated_at = :now WHERE id = :id AND state = 'pending'")
                .param("now", Rows.param(now)).param("id", n.id()).update());
        return next;
    }

    /** The channel an intent's events are recorded with: its contact method's. */
    static Channel channelOf(Intent i) {
        return Channel.of(i.channel());
    }

    /**
     * An intent's stored channel. Intents are written only for contact methods, whose types this
     * version reads the same way (an unknown one fails alike), so an unknown code is a broken row.
     */
    private static ContactMethodType channel(String code) {
        return ContactMethodType.parse(code)
                .orElseThrow(() -> new IllegalStateException("an intent has an unknown channel " + code));
    }

    static Map<String, Object> describe(Intent i) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("attempt_id", i.id().toString());
        data.put("user_id", i.userId().toString());
        i.contactMethodId().ifPresent(m -> data.put("contact_method_id", m.toString()));
        data.put("channel", i.channel().code());
        data.put("step", i.step());
        data.put("loop", i.loop());
        return data;
    }

    /** The one claim {@code intents} were taken under: the expiry its claiming statement gave them all. */
    static Instant claimedUntil(List<Intent> intents) {
        Set<Optional<Instant>> claims = new LinkedHashSet<>();
        intents.forEach(i -> claims.add(i.claimedUntil()));
        if (claims.size() != 1 || claims.iterator().next().isEmpty()) {
            throw new IllegalArgumentException("an outcome is recorded for the intents of one claim, not " + claims);
        }
        return claims.iterator().next().get();
    }

    static List<UUID> ids(List<Intent> intents) {
        List<UUID> ids = new ArrayList<>(intents.size());
        intents.forEach(i -> ids.add(i.id()));
        return ids;
    }

    static String truncate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }
}
