package dev.oncall.api.auth;

import dev.oncall.core.team.Role;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.Text;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * API tokens. The token itself is random, shown once, and never stored: only its SHA-256 hash
 * and its first characters (to recognise it in a list) are kept, so a copy of the database
 * gives nobody a working token.
 */
public final class ApiTokenRepository {
    /** Every token starts with this, so a secret scanner (and our own resolver) recognises it. */
    public static final String PREFIX = "oncall_";
    public static final int PREFIX_LENGTH = 12;
    public static final int MAX_NAME = 100;
    /** Live (unrevoked) tokens one person or team may hold. */
    public static final int MAX_PER_OWNER = 50;
    /** A secret chosen by an operator (not generated here) is at least this long, prefix included. */
    public static final int MIN_CHOSEN_LENGTH = PREFIX.length() + 32;
    /** last_used_at is written at most this often per token, so reads do not become writes. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static final RowMapper<StoredToken> TOKEN = (rs, n) -> new StoredToken(Rows.uuid(rs, "id"),
            Optional.ofNullable(Rows.uuid(rs, "user_id")), Optional.ofNullable(Rows.uuid(rs, "team_id")),
            Optional.ofNullable(rs.getString("role")).flatMap(Role::parse), rs.getString("name"),
            rs.getString("token_prefix"), Rows.instant(rs, "created_at"), Rows.optionalInstant(rs, "expires_at"),
            Rows.optionalInstant(rs, "last_used_at"), Rows.optionalInstant(rs, "revoked_at"));

    private final Transactions tx;

    public ApiTokenRepository(Transactions tx) {
        this.tx = tx;
    }

    /** A token as stored: a personal one has {@code userId}; a team one has {@code teamId} and {@code role}. */
    public record StoredToken(UUID id, Optional<UUID> userId, Optional<UUID> teamId, Optional<Role> role, String name,
                              String prefix, Instant createdAt, Optional<Instant> expiresAt,
                              Optional<Instant> lastUsedAt, Optional<Instant> revokedAt) {
        public boolean usableAt(Instant now) {
            return revokedAt.isEmpty() && expiresAt.map(now::isBefore).orElse(true);
        }
    }

    /** A new token and its secret, which exists nowhere else. */
    public record Issued(StoredToken token, String secret) {}

    public Issued createPersonal(UUID userId, String name, Optional<Instant> expiresAt, Instant now) {
        check(name, expiresAt, now);
        return tx.write("token.create", db -> {
            limit(db, "user_id", userId);
            return insert(db, userId, null, null, name, expiresAt, now, newSecret());
        });
    }

    public Issued createForTeam(UUID teamId, Role role, String name, Optional<Instant> expiresAt, Instant now) {
        check(name, expiresAt, now);
        return tx.write("token.create", db -> {
            limit(db, "team_id", teamId);
            return insert(db, null, teamId, role, name, expiresAt, now, newSecret());
        });
    }

    /** Inserts a personal token with a secret chosen elsewhere (the bootstrap admin token), inside a caller's transaction. */
    public static StoredToken insertPersonal(JdbcClient db, UUID userId, String name, String secret, Instant now,
                                             Optional<Instant> expiresAt) {
        return insert(db, userId, null, null, name, expiresAt, now, secret).token();
    }

    /**
     * Makes {@code secret} the only live personal token named {@code name} of the user: earlier
     * ones of that name are revoked, in the same transaction. Starting again with the same secret
     * changes nothing; a secret used before for anything else is refused.
     * Returns whether the secret was new.
     */
    public boolean replacePersonal(UUID userId, String name, String secret, Instant now) {
        check(name, Optional.empty(), now);
        return tx.write("token.replace", db -> {
            db.sql("""
                            UPDATE api_tokens SET revoked_at = :now
                            WHERE user_id = :u AND name = :n AND revoked_at IS NULL AND token_hash <> :h""")
                    .param("now", Rows.param(now)).param("u", userId).param("n", name).param("h", hash(secret)).update();
            Optional<StoredToken> existing = db.sql("SELECT * FROM api_tokens WHERE token_hash = :h")
                    .param("h", hash(secret)).query(TOKEN).optional();
            if (existing.isPresent()) {
                StoredToken t = existing.get();
                if (t.userId().equals(Optional.of(userId)) && t.name().equals(name) && t.revokedAt().isEmpty()) {
                    return false;
                }
                throw new IllegalStateException("the chosen token was used before (revoked, or someone else's): choose another");
            }
            limit(db, "user_id", userId);
            insertPersonal(db, userId, name, secret, now, Optional.empty());
            return true;
        });
    }

    /**
     * The strip of a secret an operator chose through {@code setting}; refuses one too short to be
     * random enough, naming the setting and how to make a good one (never echoing the value).
     */
    public static String requireChosen(String setting, String secret) {
        String s = secret.strip();
        if (!s.startsWith(PREFIX) || s.length() < MIN_CHOSEN_LENGTH) {
            throw new IllegalStateException(setting + " must be \"" + PREFIX
                    + "\" followed by at least 32 random characters, e.g. from: echo oncall_$(openssl rand -hex 24)");
        }
        return s;
    }

    private static Issued insert(JdbcClient db, UUID userId, UUID teamId, Role role, String name,
                                 Optional<Instant> expiresAt, Instant now, String secret) {
        String prefix = secret.substring(0, Math.min(PREFIX_LENGTH, secret.length()));
        UUID id = db.sql("""
                        INSERT INTO api_tokens (user_id, team_id, name, token_hash, token_prefix, role, created_at, expires_at)
                        VALUES (:user, :team, :name, :hash, :prefix, :role, :now, :expires) RETURNING id""")
                .param("user", userId, Types.OTHER).param("team", teamId, Types.OTHER).param("name", name)
                .param("hash", hash(secret)).param("prefix", prefix)
                .param("role", role == null ? null : role.code(), Types.VARCHAR)
                .param("now", Rows.param(now))
                .param("expires", expiresAt.map(Rows::param).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE)
                .query(UUID.class).single();
        StoredToken token = new StoredToken(id, Optional.ofNullable(userId), Optional.ofNullable(teamId),
                Optional.ofNullable(role), name, prefix, now, expiresAt, Optional.empty(), Optional.empty());
        return new Issued(token, secret);
    }

    public Optional<StoredToken> findBySecret(String secret) {
        String h = hash(secret);
        return tx.read("token.findByHash", db -> db.sql("SELECT * FROM api_tokens WHERE token_hash = :h")
                .param("h", h).query(TOKEN).optional());
    }

    public static boolean existsBySecret(JdbcClient db, String secret) {
        return db.sql("SELECT count(*) FROM api_tokens WHERE token_hash = :h").param("h", hash(secret))
                .query(Integer.class).single() > 0;
    }

    public Optional<StoredToken> find(UUID id) {
        return tx.read("token.find", db -> db.sql("SELECT * FROM api_tokens WHERE id = :id").param("id", id)
                .query(TOKEN).optional());
    }

    /** Revokes a token; only the first revocation counts, so the recorded time never moves. */
    public StoredToken revoke(UUID id, Instant now) {
        return tx.write("token.revoke", db -> {
            db.sql("UPDATE api_tokens SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
                    .param("now", Rows.param(now)).param("id", id).update();
            return db.sql("SELECT * FROM api_tokens WHERE id = :id").param("id", id).query(TOKEN).optional()
                    .orElseThrow(() -> ValidationException.of("id", "no such token"));
        });
    }

    /** Records a use, at most once per {@link #TOUCH_INTERVAL}. */
    public void touch(StoredToken token, Instant now) {
        if (token.lastUsedAt().map(t -> t.plus(TOUCH_INTERVAL).isAfter(now)).orElse(false)) {
            return;
        }
        tx.write("token.touch", db -> db.sql("""
                        UPDATE api_tokens SET last_used_at = :now
                        WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :now)""")
                .param("now", Rows.param(now)).param("id", token.id()).update());
    }

    public List<StoredToken> personal(UUID userId) {
        return tx.read("token.personal", db -> db.sql(
                        "SELECT * FROM api_tokens WHERE user_id = :u ORDER BY created_at DESC, id")
                .param("u", userId).query(TOKEN).list());
    }

    public List<StoredToken> ofTeam(UUID teamId) {
        return tx.read("token.ofTeam", db -> db.sql(
                        "SELECT * FROM api_tokens WHERE team_id = :t ORDER BY created_at DESC, id")
                .param("t", teamId).query(TOKEN).list());
    }

    public static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static void check(String name, Optional<Instant> expiresAt, Instant now) {
        Problems problems = new Problems();
        Text.required(problems, "name", name, MAX_NAME);
        expiresAt.ifPresent(t -> problems.check(t.isAfter(now), "expiresAt", "must be in the future, got " + t));
        problems.throwIfAny();
    }

    private static void limit(JdbcClient db, String ownerColumn, UUID owner) {
        int live = db.sql("SELECT count(*) FROM api_tokens WHERE " + ownerColumn + " = :o AND revoked_at IS NULL")
                .param("o", owner).query(Integer.class).single();
        if (live >= MAX_PER_OWNER) {
            throw ValidationException.of("name", "at most " + MAX_PER_OWNER + " live tokens; revoke one first");
        }
    }
}
