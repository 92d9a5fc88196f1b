package dev.oncall.api.calendar;

import dev.oncall.api.auth.ApiTokenRepository;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.security.SecureRandom;
import java.sql.Types;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Calendar feeds. The URL token is random and shown once; only its SHA-256 hash is stored. */
public final class CalendarFeedRepository {
    public static final String PREFIX = "cal_";
    /** Feeds one person may have. */
    public static final int MAX_PER_USER = 20;
    /** Reminders per feed, and how early the earliest may be (a week). */
    public static final int MAX_REMINDERS = 3;
    public static final int MAX_REMINDER_MINUTES = 7 * 24 * 60;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final RowMapper<Feed> FEED = (rs, n) -> new Feed(Rows.uuid(rs, "id"), Rows.uuid(rs, "user_id"),
            Optional.ofNullable(Rows.uuid(rs, "schedule_id")),
            JSON.readValue(rs.getString("reminder_minutes"), new TypeReference<List<Integer>>() {}),
            Rows.instant(rs, "created_at"));

    private final Transactions tx;

    public CalendarFeedRepository(Transactions tx) {
        this.tx = tx;
    }

    /** A feed: a personal one has no schedule. */
    public record Feed(UUID id, UUID userId, Optional<UUID> scheduleId, List<Integer> reminderMinutes, Instant createdAt) {}

    /** A feed and the token of its URL, which exists nowhere else. */
    public record Issued(Feed feed, String token) {}

    public Issued create(UUID userId, Optional<UUID> scheduleId, List<Integer> reminderMinutes, Instant now) {
        List<Integer> reminders = checkReminders(reminderMinutes);
        String token = newToken();
        return tx.write("calendar.create", db -> {
            int existing = db.sql("SELECT count(*) FROM calendar_feeds WHERE user_id = :u").param("u", userId)
                    .query(Integer.class).single();
            if (existing >= MAX_PER_USER) {
                throw ValidationException.of("scheduleId", "at most " + MAX_PER_USER + " calendar feeds per person");
            }
            UUID id = db.sql("""
                            INSERT INTO calendar_feeds (user_id, schedule_id, token_hash, reminder_minutes, created_at)
                            VALUES (:u, :s, :h, CAST(:r AS JSONB), :now) RETURNING id""")
                    .param("u", userId).param("s", scheduleId.orElse(null), Types.OTHER)
                    .param("h", ApiTokenRepository.hash(token)).param("r", JSON.writeValueAsString(reminders))
                    .param("now", Rows.param(now)).query(UUID.class).single();
            return new Issued(new Feed(id, userId, scheduleId, reminders, now), token);
        });
    }

    /** Gives the feed a new token: the old URL stops working at once. */
    public Issued rotate(UUID id, Instant now) {
        String token = newToken();
        return tx.write("calendar.rotate", db -> {
            int n = db.sql("UPDATE calendar_feeds SET token_hash = :h, rotated_at = :now WHERE id = :id")
                    .param("h", ApiTokenRepository.hash(token)).param("now", Rows.param(now)).param("id", id).update();
            if (n == 0) {
                throw ValidationException.of("id", "no such calendar feed");
            }
            return new Issued(feed(db, id).orElseThrow(), token);
        });
    }

    public boolean delete(UUID id) {
        return tx.write("calendar.delete", db -> db.sql("DELETE FROM calendar_feeds WHERE id = :id").param("id", id)
                .update() > 0);
    }

    public Optional<Feed> find(UUID id) {
        return tx.read("calendar.find", db -> feed(db, id));
    }

    public Optional<Feed> findByToken(String token) {
        return tx.read("calendar.findByToken", db -> db.sql("SELECT * FROM calendar_feeds WHERE token_hash = :h")
                .param("h", ApiTokenRepository.hash(token)).query(FEED).optional());
    }

    public List<Feed> ofUser(UUID userId) {
        return tx.read("calendar.ofUser", db -> db.sql(
                        "SELECT * FROM calendar_feeds WHERE user_id = :u ORDER BY created_at, id")
                .param("u", userId).query(FEED).list());
    }

    private static Optional<Feed> feed(JdbcClient db, UUID id) {
        return db.sql("SELECT * FROM calendar_feeds WHERE id = :id").param("id", id).query(FEED).optional();
    }

    private static List<Integer> checkReminders(List<Integer> minutes) {
        List<Integer> list = minutes == null ? List.of() : List.copyOf(minutes);
        Problems problems = new Problems();
        problems.check(list.size() <= MAX_REMINDERS, "reminderMinutes", "at most " + MAX_REMINDERS + " reminders");
        for (int i = 0; i < list.size(); i++) {
            int m = list.get(i);
            problems.check(m >= 0 && m <= MAX_REMINDER_MINUTES, "reminderMinutes[" + i + "]",
                    "must be between 0 and " + MAX_REMINDER_MINUTES + " minutes, got " + m);
        }
        problems.throwIfAny();
        return list.stream().distinct().sorted().toList();
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
