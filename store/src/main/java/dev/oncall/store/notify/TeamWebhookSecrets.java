package dev.oncall.store.notify;

import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Each team's key for signing the webhook pages of its incidents (docs/notifications.md). A
 * secret is made here, returned once to the admin who rotated, and kept encrypted
 * ({@link SecretBox}). After a rotation the previous key keeps signing beside the new one for
 * {@code oncall.notify.webhook.rotation-overlap}, so receivers can be switched without missing a
 * page. A team without a secret of its own is signed with the installation-wide
 * {@code oncall.notify.webhook.signing-secret}, when there is one.
 */
public final class TeamWebhookSecrets {
    static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What may be shown about a team's secret: when it was made, and until when the previous one still signs. */
    public record Signing(Instant createdAt, Optional<Instant> previousExpiresAt) {}

    /** A new secret, to be shown this once. */
    public record Rotated(String secret, Signing signing) {}

    /** A stored secret that cannot be read with this installation's key. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private record Row(String secret, Instant createdAt, Optional<String> previousSecret,
                       Optional<Instant> previousExpiresAt) {}

    private final Transactions tx;
    private final NotifyProperties.Webhook settings;
    private final Optional<SecretBox> box;

    public TeamWebhookSecrets(Transactions tx, NotifyProperties.Webhook settings) {
        this.tx = tx;
        this.settings = settings;
        try {
            this.box = settings.encryptionKey().isBlank() ? Optional.empty()
                    : Optional.of(new SecretBox(settings.encryptionKey()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("oncall.notify.webhook.encryption-key " + e.getMessage(), e);
        }
    }

    /** The team's secret as it may be shown (never the secret itself); empty when it has none. */
    public Optional<Signing> signing(UUID teamId, Instant now) {
        return row(teamId).map(r -> new Signing(r.createdAt(), r.previousExpiresAt().filter(now::isBefore)));
    }

    /**
     * Makes the team a new secret; the one it replaces (or, the first time, the installation-wide
     * one, where a worker has it) keeps signing until the overlap ends. A rotation during an overlap ends the older
     * secret at once: at most two sign a page.
     */
    public Rotated rotate(UUID teamId, Instant now) {
        SecretBox sealer = box.orElseThrow(() -> ValidationException.of("teamId",
                "this installation keeps no team secrets: the operator has not set oncall.notify.webhook.encryption-key"));
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Instant overlapEnd = now.plus(settings.rotationOverlap());
        // The first time, the key being replaced is the installation-wide one: a NULL previous secret with an
        // expiry says so, and each worker signs with it meanwhile if it has one (graph-api need not know it).
        tx.write("webhookSecrets.rotate", db -> {
            Optional<Row> current = row(db, teamId);
            return db.sql("""
                            INSERT INTO team_webhook_secrets (team_id, secret, created_at, previous_secret, previous_expires_at)
                            VALUES (:team, :secret, :now, :previous, :expires)
                            ON CONFLICT (team_id) DO UPDATE SET secret = excluded.secret, created_at = excluded.created_at,
                                previous_secret = excluded.previous_secret, previous_expires_at = excluded.previous_expires_at""")
                    .param("team", teamId).param("secret", sealer.seal(secret, owner(teamId)))
                    .param("now", Rows.param(now))
                    .param("previous", current.map(Row::secret).orElse(null))
                    .param("expires", Rows.param(overlapEnd))
                    .update();
        });
        return new Rotated(secret, new Signing(now, Optional.of(overlapEnd)));
    }

    /**
     * The secrets a page of {@code teamId}'s incident is signed with at {@code now}, current first;
     * empty when neither the team nor the installation has one. Throws {@link Unreadable} when the
     * team's secret was sealed under another encryption key.
     */
    public List<String> signingSecrets(Optional<UUID> teamId, Instant now) {
        Optional<Row> row = teamId.flatMap(this::row);
        List<String> secrets = new ArrayList<>();
        if (row.isEmpty()) {
            if (!settings.signingSecret().isBlank()) {
                secrets.add(settings.signingSecret());
            }
            return secrets;
        }
        Row r = row.get();
        UUID team = teamId.orElseThrow();
        secrets.add(open(r.secret(), team));
        if (r.previousExpiresAt().filter(now::isBefore).isPresent()) {
            if (r.previousSecret().isPresent()) {
                secrets.add(open(r.previousSecret().get(), team));
            } else if (!settings.signingSecret().isBlank()) {
                secrets.add(settings.signingSecret());
            }
        }
        return secrets;
    }

    /**
     * The secrets a message that belongs to no team (a webhook's verification challenge, a test
     * notification) is signed with: those of every team the person is in, so whichever team's
     * key their receiver checks with, it verifies; the installation-wide one when they are in no
     * team. Empty when there is none of either.
     */
    public List<String> personalSigningSecrets(UUID userId, Instant now) {
        List<UUID> teams = tx.read("webhookSecrets.teamsOf", db -> db.sql(
                        "SELECT team_id FROM team_members WHERE user_id = :user ORDER BY team_id")
                .param("user", userId).query(UUID.class).list());
        if (teams.isEmpty()) {
            return signingSecrets(Optional.empty(), now);
        }
        Set<String> secrets = new LinkedHashSet<>();
        for (UUID team : teams) {
            secrets.addAll(signingSecrets(Optional.of(team), now));
        }
        return List.copyOf(secrets);
    }

    private String open(String sealed, UUID teamId) {
        SecretBox opener = box.orElseThrow(() -> new Unreadable("team " + teamId
                + " has a webhook signing secret but oncall.notify.webhook.encryption-key is not set", null));
        try {
            return opener.open(sealed, owner(teamId));
        } catch (IllegalStateException | IllegalArgumentException e) {
            throw new Unreadable("the webhook signing secret of team " + teamId
                    + " cannot be read with this oncall.notify.webhook.encryption-key; was the key changed?", e);
        }
    }

    private static String owner(UUID teamId) {
        return "team:" + teamId;
    }

    private Optional<Row> row(UUID teamId) {
        return tx.read("webhookSecrets.find", db -> row(db, teamId));
    }

    private static Optional<Row> row(org.springframework.jdbc.core.simple.JdbcClient db, UUID teamId) {
        return db.sql("SELECT * FROM team_webhook_secrets WHERE team_id = :team").param("team", teamId)
                .query((rs, n) -> new Row(rs.getString("secret"), Rows.instant(rs, "created_at"),
                        Optional.ofNullable(rs.getString("previous_secret")),
                        Rows.optionalInstant(rs, "previous_expires_at")))
                .optional();
    }
}
