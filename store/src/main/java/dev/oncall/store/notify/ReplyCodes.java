package dev.oncall.store.notify;

import dev.oncall.core.notify.SmsReply;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The short numbers people answer paging texts with. Each person's open incidents are
 * numbered from 1; the number of a resolved incident is given to the next one, so codes stay
 * one or two digits even for someone paged for years.
 */
public final class ReplyCodes {
    private final Transactions tx;

    public ReplyCodes(Transactions tx) {
        this.tx = tx;
    }

    /** The person's code for the incident, assigning the smallest free one the first time. */
    public int assign(UUID userId, UUID incidentId, Instant now) {
        return tx.write("notify.replyCode", db -> {
            Optional<Integer> existing = db.sql(
                            "SELECT code FROM sms_reply_codes WHERE user_id = :user AND incident_id = :incident")
                    .param("user", userId).param("incident", incidentId).query(Integer.class).optional();
            if (existing.isPresent()) {
                return existing.get();
            }
            db.sql("""
                            DELETE FROM sms_reply_codes WHERE user_id = :user
                              AND incident_id IN (SELECT id FROM incidents WHERE status = 'resolved')""")
                    .param("user", userId).update();
            Set<Integer> taken = new HashSet<>(db.sql("SELECT code FROM sms_reply_codes WHERE user_id = :user")
                    .param("user", userId).query(Integer.class).list());
            // Two senders texting one person at once both see the same codes free. The loser's insert
            // conflicts and does nothing (or is refused 40001 and its transaction retried): it then
            // finds the incident coded by the winner, or tries the next free code. A unique-key
            // error here held a page for a whole claim TTL (the storm story found it).
            for (int code = 1; code <= SmsReply.MAX_CODE; code++) {
                if (taken.contains(code)) {
                    continue;
                }
                boolean inserted = db.sql("""
                                INSERT INTO sms_reply_codes (user_id, code, incident_id, created_at)
                                VALUES (:user, :code, :incident, :now) ON CONFLICT DO NOTHING""")
                        .param("user", userId).param("code", code).param("incident", incidentId)
                        .param("now", Rows.param(now)).update() == 1;
                if (inserted) {
                    return code;
                }
                Optional<Integer> coded = db.sql(
                                "SELECT code FROM sms_reply_codes WHERE user_id = :user AND incident_id = :incident")
                        .param("user", userId).param("incident", incidentId).query(Integer.class).optional();
                if (coded.isPresent()) {
                    return coded.get();
                }
            }
            throw new IllegalStateException("no free reply code for user " + userId);
        });
    }

    public Optional<UUID> incident(UUID userId, int code) {
        return tx.read("notify.replyCodeLookup", db -> db.sql(
                        "SELECT incident_id FROM sms_reply_codes WHERE user_id = :user AND code = :code")
                .param("user", userId).param("code", code).query(UUID.class).optional());
    }

    /** The person's coded incidents that are still triggered: what "ACK ALL" acknowledges. */
    public List<UUID> triggeredIncidents(UUID userId) {
        return tx.read("notify.replyCodesOpen", db -> db.sql("""
                        SELECT c.incident_id FROM sms_reply_codes c JOIN incidents i ON i.id = c.incident_id
                        WHERE c.user_id = :user AND i.status = 'triggered' ORDER BY c.code""")
                .param("user", userId).query(UUID.class).list());
    }

    /**
     * People whose verified, enabled SMS or voice contact method is this number. A number nobody
     * proved identifies nobody: anyone can type any number into a contact method, and an SMS from
     * it must not act as that person.
     */
    public List<UUID> usersWithNumber(String number) {
        return tx.read("notify.usersWithNumber", db -> db.sql("""
                        SELECT DISTINCT user_id FROM contact_methods
                        WHERE type IN ('sms', 'voice') AND address = :number AND verified AND NOT disabled""")
                .param("number", number).query(UUID.class).list());
    }
}
