package dev.oncall.store.notify;

import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.core.verification.VerificationCode;
import dev.oncall.core.verification.VerificationLimits;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.user.ContactRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Checking a code a person typed against the codes sent to their contact method. A code works
 * once, until it expires, and only while the method still has the address it was sent to; every
 * wrong code counts against all the method's pending codes, and a code stops working once
 * {@link VerificationLimits#MAX_FAILED_CHECKS} wrong ones were tried after it was sent.
 */
public final class Verifications {
    /** How a check went. */
    public sealed interface Check {
        /** The code was right: the method is verified. */
        record Verified(ContactMethod method) implements Check {}

        /** The code was wrong and counted; {@code remaining} more wrong codes end the pending ones. */
        record Wrong(int remaining) implements Check {}
    }

    private final Transactions tx;

    public Verifications(Transactions tx) {
        this.tx = tx;
    }

    /**
     * Checks {@code typed} for the method. A malformed code, a verified method and a method with
     * no code pending are refused (on {@code code} or {@code contactMethodId}) without counting;
     * a wrong code is counted, and that count is written even though the answer is a refusal.
     */
    public Check verify(UUID contactMethodId, String typed, Instant now) {
        Problems malformed = new Problems();
        VerificationCode.check(malformed, "code", typed);
        malformed.throwIfAny();
        String code = VerificationCode.normalize(typed).orElseThrow();
        return tx.write("contact.verifyCode", db -> {
            ContactMethod method = ContactRepository.method(db, contactMethodId)
                    .orElseThrow(() -> ValidationException.of(ContactMessages.FIELD, "no such contact method"));
            if (method.verified()) {
                throw ValidationException.of(ContactMessages.FIELD, "is already verified");
            }
            record Pending(UUID id, String hash, int failedChecks) {}
            // Sending as well as sent: the code's hash is stored before it goes out, and the text
            // can arrive before the worker has recorded the provider's answer.
            List<Pending> pending = db.sql("""
                            SELECT id, code_hash, failed_checks FROM contact_messages
                            WHERE contact_method_id = :method AND kind = 'verification' AND code_hash IS NOT NULL
                              AND used_at IS NULL AND expires_at > :now AND address = :address
                              AND failed_checks < :max AND state IN ('sending', 'sent', 'delivered')""")
                    .param("method", contactMethodId).param("now", Rows.param(now)).param("address", method.address())
                    .param("max", VerificationLimits.MAX_FAILED_CHECKS)
                    .query((rs, n) -> new Pending(Rows.uuid(rs, "id"), rs.getString("code_hash"), rs.getInt("failed_checks")))
                    .list();
            if (pending.isEmpty()) {
                throw ValidationException.of(ContactMessages.FIELD, "has no code pending: a code works for "
                        + VerificationLimits.CODE_TTL.toMinutes() + " minutes and for "
                        + VerificationLimits.MAX_FAILED_CHECKS + " tries; ask for a new one with sendVerification");
            }
            List<UUID> ids = pending.stream().map(Pending::id).toList();
            if (pending.stream().anyMatch(p -> VerificationCode.matches(p.id(), code, p.hash()))) {
                // Single use, and the others of the same method are spent with it.
                db.sql("UPDATE contact_messages SET used_at = :now, updated_at = :now WHERE id IN (:ids)")
                        .param("now", Rows.param(now)).param("ids", ids).update();
                ContactRepository.markVerified(db, contactMethodId, method.address(), now);
                return new Check.Verified(ContactRepository.method(db, contactMethodId).orElseThrow());
            }
            db.sql("UPDATE contact_messages SET failed_checks = failed_checks + 1, updated_at = :now WHERE id IN (:ids)")
                    .param("now", Rows.param(now)).param("ids", ids).update();
            // The newest code lasts longest: it is the one the person most likely still holds.
            int fewest = pending.stream().mapToInt(Pending::failedChecks).min().orElse(0) + 1;
            return new Check.Wrong(Math.max(0, VerificationLimits.MAX_FAILED_CHECKS - fewest));
        });
    }
}
