package dev.oncall.store.notify;

import dev.oncall.core.incident.Channel;
import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.AckToken;
import dev.oncall.core.notify.AckTokenCodec;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues the signed tokens pages carry and redeems them exactly once: redeeming writes the
 * token's id, and the key refuses a second redemption of the same token even when two
 * requests race (a double tap, a retried POST, a link opened twice).
 */
public final class AckTokens {
    private static final Logger log = LoggerFactory.getLogger(AckTokens.class);

    /** The result of redeeming: the token, or why it was refused (one of the texts below). */
    public record Redemption(Optional<AckToken> token, String refusal) {
        public boolean ok() {
            return token.isPresent() && refusal == null;
        }
    }

    public static final String NOT_CONFIGURED = "acknowledgement links are not configured on this deployment";
    public static final String MALFORMED = "is not an acknowledgement token";
    public static final String BAD_SIGNATURE = "is not signed by this deployment";
    public static final String EXPIRED = "has expired";
    public static final String USED = "has already been used";

    private final Optional<AckTokenCodec> codec;
    private final AckProperties properties;
    private final Transactions tx;

    public AckTokens(AckProperties properties, Transactions tx) {
        this.properties = properties;
        this.tx = tx;
        if (properties.signingKey().isBlank()) {
            log.warn("oncall.ack.signing-key is not set: pages go out without acknowledge links or buttons");
            this.codec = Optional.empty();
        } else {
            this.codec = Optional.of(new AckTokenCodec(properties.signingKey()));
        }
    }

    public boolean enabled() {
        return codec.isPresent();
    }

    /** A new token for one person and incident, or empty when no signing key is configured. */
    public Optional<String> issue(UUID incidentId, UUID userId, AckAction action, Instant now) {
        return codec.map(c -> c.encode(new AckToken(UUID.randomUUID(), incidentId, userId, action,
                now.plus(properties.tokenTtl()))));
    }

    /** Checks a token without using it up (the confirmation page of an email link). */
    public Redemption check(String text, Instant now) {
        if (codec.isEmpty()) {
            return new Redemption(Optional.empty(), NOT_CONFIGURED);
        }
        AckTokenCodec.Checked checked = codec.get().decode(text, now);
        if (!checked.ok()) {
            return new Redemption(Optional.ofNullable(checked.token()), switch (checked.problem()) {
                case MALFORMED -> MALFORMED;
                case BAD_SIGNATURE -> BAD_SIGNATURE;
                case EXPIRED -> EXPIRED;
            });
        }
        boolean used = tx.read("ack.tokenUsed", db -> db.sql("SELECT count(*) FROM ack_tokens_used WHERE token_id = :id")
                .param("id", checked.token().id()).query(Integer.class).single() > 0);
        return new Redemption(Optional.of(checked.token()), used ? USED : null);
    }

    /** Checks a token and uses it up; only the first of any number of redemptions succeeds. */
    public Redemption redeem(String text, Channel channel, Instant now) {
        Redemption checked = check(text, now);
        if (!checked.ok()) {
            return checked;
        }
        AckToken token = checked.token().orElseThrow();
        int inserted = tx.write("ack.redeem", db -> db.sql("""
                        INSERT INTO ack_tokens_used (token_id, incident_id, user_id, action, channel, used_at, expires_at)
                        VALUES (:id, :incident, :user, :action, :channel, :now, :expires)
                        ON CONFLICT (token_id) DO NOTHING""")
                .param("id", token.id()).param("incident", token.incidentId()).param("user", token.userId())
                .param("action", token.action().code()).param("channel", channel.code()).param("now", Rows.param(now))
                .param("expires", Rows.param(token.expiresAt())).update());
        return inserted == 1 ? checked : new Redemption(checked.token(), USED);
    }

    /** Gives a redeemed token back when the action it was redeemed for could not be carried out. */
    public void release(AckToken token) {
        tx.write("ack.release", db -> db.sql("DELETE FROM ack_tokens_used WHERE token_id = :id")
                .param("id", token.id()).update());
    }

    /** Forgets redeemed tokens that have expired anyway; returns how many. */
    public int purgeExpired(Instant now) {
        return tx.write("ack.purge", db -> db.sql("DELETE FROM ack_tokens_used WHERE expires_at < :now")
                .param("now", Rows.param(now)).update());
    }
}
