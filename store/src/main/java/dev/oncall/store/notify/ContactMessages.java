package dev.oncall.store.notify;

import dev.oncall.core.notify.ContactMessageKind;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.verification.RateLimit;
import dev.oncall.core.verification.VerificationLimits;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.user.ContactRepository;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Verification codes and test notifications on their way to one contact method
 * ({@code contact_messages}): graph-api asks for one within the send limits; a worker of the
 * same region claims it, sends it through the method's channel and records how it went, every
 * change conditional on the claim it holds, as notification intents are.
 */
public final class ContactMessages {
    /** How many of a method's messages {@link #recent} returns. */
    public static final int RECENT = 10;
    /** The field refusals name: the argument every contact message mutation takes. */
    public static final String FIELD = "contactMethodId";
    static final RowMapper<ContactMessage> MESSAGE = (rs, n) -> new ContactMessage(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "contact_method_id"), Rows.uuid(rs, "user_id"),
            ContactMessageKind.parse(rs.getString("kind")).orElseThrow(), rs.getString("address"),
            ContactMessage.State.of(rs.getString("state")), Rows.instant(rs, "created_at"),
            Rows.optionalInstant(rs, "sent_at"), Rows.optionalInstant(rs, "expires_at"),
            Optional.ofNullable(rs.getString("last_error")));
    private static final String COLUMNS = "id, contact_method_id, user_id, kind, address, state, created_at, sent_at, "
            + "expires_at, last_error";

    private final Transactions tx;
    private final String region;

    /** @param region where this process runs: messages it asks for are sent by that region's workers */
    public ContactMessages(Transactions tx, String region) {
        this.tx = tx;
        this.region = region;
    }

    /**
     * Queues a message of {@code kind} to the method, due now. Refused (on {@value #FIELD}) when
     * the method does not exist, when a verification is asked for a verified or disabled method
     * or a test for one that cannot be paged, and beyond the limits of {@link VerificationLimits}.
     */
    public ContactMessage request(ContactMessageKind kind, UUID contactMethodId, Instant now) {
        return tx.write("contactMessage.request", db -> {
            ContactMethod method = ContactRepository.method(db, contactMethodId)
                    .orElseThrow(() -> ValidationException.of(FIELD, "no such contact method"));
            if (method.disabled()) {
                throw ValidationException.of(FIELD, "is disabled: its provider refused the address for good; "
                        + "change the address to use it again");
            }
            if (kind == ContactMessageKind.VERIFICATION && method.verified()) {
                throw ValidationException.of(FIELD, "is already verified");
            }
            if (kind == ContactMessageKind.TEST && !method.verified()) {
                throw ValidationException.of(FIELD, "is not verified yet: test notifications go only to verified "
                        + "contact methods; verify it with sendVerification first");
            }
            boolean code = kind == ContactMessageKind.VERIFICATION;
            within(db, "contact_method_id", contactMethodId, kind,
                    code ? VerificationLimits.CODES_PER_METHOD : VerificationLimits.TESTS_PER_METHOD, "this contact method", now);
            within(db, "user_id", method.userId(), kind,
                    code ? VerificationLimits.CODES_PER_PERSON : VerificationLimits.TESTS_PER_PERSON,
                    "one person's contact methods", now);
            return db.sql("""
                            INSERT INTO contact_messages (id, contact_method_id, user_id, kind, address, region, state,
                                                          not_before, expires_at, created_at, updated_at)
                            VALUES (:id, :method, :user, :kind, :address, :region, 'pending', :now, :expires, :now, :now)
                            RETURNING\s""" + COLUMNS)
                    .param("id", UUID.randomUUID()).param("method", contactMethodId).param("user", method.userId())
                    .param("kind", kind.code()).param("address", method.address()).param("region", region)
                    .param("now", Rows.param(now))
                    .param("expires", code ? Rows.param(now.plus(VerificationLimits.CODE_TTL)) : null)
                    .query(MESSAGE).single();
        });
    }

    private static void within(JdbcClient db, String column, UUID id, ContactMessageKind kind, RateLimit limit,
                               String what, Instant now) {
        record Window(int count, Instant oldest) {}
        Window w = db.sql("SELECT count(*) AS n, min(created_at) AS oldest FROM contact_messages WHERE " + column
                        + " = :id AND kind = :kind AND created_at > :since")
                .param("id", id).param("kind", kind.code()).param("since", Rows.param(now.minus(limit.per())))
                .query((rs, n) -> new Window(rs.getInt("n"), Rows.instant(rs, "oldest"))).single();
        if (w.count() >= limit.count()) {
            String noun = kind == ContactMessageKind.VERIFICATION ? "verification messages" : "test notifications";
            throw ValidationException.of(FIELD, "at most " + limit.describe() + " " + noun + " may be sent to "
                    + what + "; try again after " + w.oldest().plus(limit.per()));
        }
    }

    /** The latest messages of each method, newest first, at most {@value #RECENT} each. */
    public Map<UUID, List<ContactMessage>> recent(List<UUID> contactMethodIds) {
        Map<UUID, List<ContactMessage>> out = new LinkedHashMap<>();
        contactMethodIds.forEach(id -> out.put(id, new java.util.ArrayList<>()));
        if (contactMethodIds.isEmpty()) {
            return out;
        }
        tx.read("contactMessage.recent", db -> db.sql("SELECT " + COLUMNS + """
                         FROM (SELECT *, row_number() OVER (PARTITION BY contact_method_id
                                                            ORDER BY created_at DESC, id DESC) AS n
                               FROM contact_messages WHERE contact_method_id IN (:ids)) m
                        WHERE n <= :limit ORDER BY contact_method_id, created_at DESC, id DESC""")
                .param("ids", contactMethodIds).param("limit", RECENT).query(MESSAGE).list())
                .forEach(m -> out.get(m.contactMethodId()).add(m));
        return out;
    }

    public Optional<ContactMessage> find(UUID id) {
        return tx.read("contactMessage.find", db -> db.sql("SELECT " + COLUMNS + " FROM contact_messages WHERE id = :id")
                .param("id", id).query(MESSAGE).optional());
    }

    /**
     * Claims up to {@code batch} messages of this region that are due, or whose claim expired
     * (their worker died), for {@code ttl}.
     */
    public List<ContactMessage> claim(String worker, Instant now, Duration ttl, int batch) {
        return tx.write("contactMessage.claim", db -> db.sql("""
                        UPDATE contact_messages
                        SET state = 'sending', claimed_by = :worker, claimed_until = :until, updated_at = :now
                        WHERE id IN (
                            SELECT id FROM contact_messages
                            WHERE region = :region
                              AND ((state = 'pending' AND not_before <= :now)
                                   OR (state = 'sending' AND claimed_until <= :now))
                            ORDER BY not_before, id
                            LIMIT :batch
                            FOR UPDATE SKIP LOCKED)
                        RETURNING\s""" + COLUMNS)
                .param("worker", worker).param("until", Rows.param(now.plus(ttl))).param("now", Rows.param(now))
                .param("region", region).param("batch", batch).query(MESSAGE).list());
    }

    /**
     * Stores the hash of the code about to be sent in a claimed verification message; false when
     * the claim was lost (another worker took the message over and sends its own code).
     */
    public boolean storeCode(UUID id, String worker, String codeHash, Instant now) {
        return tx.write("contactMessage.code", db -> db.sql("""
                        UPDATE contact_messages SET code_hash = :hash, failed_checks = 0, updated_at = :now
                        WHERE id = :id AND state = 'sending' AND claimed_by = :worker""")
                .param("hash", codeHash).param("now", Rows.param(now)).param("id", id).param("worker", worker)
                .update() == 1);
    }

    /**
     * Records the provider's acceptance. {@code proven}: the acceptance itself proved the address
     * (a webhook echoed its challenge), so the method is verified in the same transaction,
     * provided it still has the address the challenge went to.
     */
    public void markSent(ContactMessage message, String worker, String provider, String providerMessageId, int calls,
                         boolean proven, Instant now) {
        tx.write("contactMessage.sent", db -> {
            db.sql("""
                            UPDATE contact_messages
                            SET state = 'sent', provider = :provider, provider_message_id = :pmid, sent_at = :now,
                                updated_at = :now, claimed_until = NULL, last_error = NULL, attempts = attempts + :calls,
                                used_at = CASE WHEN :proven THEN CAST(:now AS TIMESTAMPTZ) ELSE used_at END
                            WHERE id = :id AND state = 'sending' AND claimed_by = :worker""")
                    .param("provider", provider).param("pmid", providerMessageId).param("now", Rows.param(now))
                    .param("calls", calls).param("proven", proven).param("id", message.id()).param("worker", worker)
                    .update();
            if (proven) {
                ContactRepository.markVerified(db, message.contactMethodId(), message.address(), now);
            }
            return null;
        });
    }

    /** Records that the message could not be sent, and why. */
    public void markFailed(UUID id, String worker, String provider, String error, int calls, Instant now) {
        finish(id, worker, "failed", provider, error, calls, now);
    }

    /** Records that the message was not sent because it no longer should be (the address changed, say). */
    public void cancel(UUID id, String worker, String reason, Instant now) {
        finish(id, worker, "cancelled", null, reason, 0, now);
    }

    private void finish(UUID id, String worker, String state, String provider, String error, int calls, Instant now) {
        tx.write("contactMessage." + state, db -> db.sql("""
                        UPDATE contact_messages
                        SET state = :state, provider = :provider, last_error = :error, updated_at = :now,
                            claimed_until = NULL, attempts = attempts + :calls
                        WHERE id = :id AND state = 'sending' AND claimed_by = :worker""")
                .param("state", state).param("provider", provider).param("error", NotificationStore.truncate(error))
                .param("now", Rows.param(now)).param("calls", calls).param("id", id).param("worker", worker).update());
    }

    /**
     * A provider's delivery status for a message it accepted, inside the caller's transaction;
     * {@code state} {@code delivered}, {@code failed}, or null for a status that settles nothing.
     */
    static int receipt(JdbcClient db, String provider, String providerMessageId, String status, String state,
                       Instant now) {
        return db.sql("""
                        UPDATE contact_messages
                        SET provider_status = :status, state = COALESCE(CAST(:state AS VARCHAR), state), updated_at = :now
                        WHERE provider = :provider AND provider_message_id = :pmid AND state IN ('sent', 'delivered')
                          AND provider_status IS DISTINCT FROM :status""")
                .param("status", status).param("state", state).param("now", Rows.param(now))
                .param("provider", provider).param("pmid", providerMessageId).update();
    }
}
