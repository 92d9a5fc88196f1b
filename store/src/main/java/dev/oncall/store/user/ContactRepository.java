package dev.oncall.store.user;

import dev.oncall.store.version.ConfigurationVersion;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.NotificationRule;
import dev.oncall.core.user.Urgency;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.db.Constraints;
import dev.oncall.store.db.Constraints.Explanation;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How each person is reached: contact methods and the rules that say when each is used. */
public final class ContactRepository {
    private static final RowMapper<ContactMethod> METHOD = (rs, n) -> new ContactMethod(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "user_id"), ContactMethodType.parse(rs.getString("type")).orElseThrow(),
            rs.getString("label"), rs.getString("address"), rs.getInt("priority"), rs.getBoolean("verified"),
            rs.getBoolean("disabled"));
    private static final RowMapper<NotificationRule> RULE = (rs, n) -> new NotificationRule(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "user_id"), Rows.uuid(rs, "contact_method_id"),
            Duration.ofSeconds(rs.getInt("delay_seconds")), Urgency.parse(rs.getString("urgency")).orElseThrow());
    private static final Map<String, Explanation> CONSTRAINTS = Map.of(
            "contact_methods_address_key", new Explanation("address", "this user already has this contact method"),
            "contact_methods_user_id_fkey", new Explanation("userId", "no such user"),
            "notification_rules_key", new Explanation("delay", "this rule already exists"),
            "notification_rules_contact_method_id_fkey", new Explanation("contactMethodId", "no such contact method"));

    private final Transactions tx;

    public ContactRepository(Transactions tx) {
        this.tx = tx;
    }

    public ContactMethod addMethod(UUID userId, ContactMethodType type, String label, String address, int priority) {
        Problems problems = new Problems();
        ContactMethod.check(problems, type, label, address, priority);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "contact.addMethod", db -> {
            int existing = db.sql("SELECT count(*) FROM contact_methods WHERE user_id = :user")
                    .param("user", userId).query(Integer.class).single();
            if (existing >= ContactMethod.MAX_PER_USER) {
                throw ValidationException.of("userId", "a person may have at most " + ContactMethod.MAX_PER_USER
                        + " contact methods");
            }
            try {
                UUID id = db.sql("""
                                INSERT INTO contact_methods (user_id, type, label, address, priority)
                                VALUES (:user, :type, :label, :address, :priority) RETURNING id""")
                        .param("user", userId).param("type", type.code()).param("label", label == null ? "" : label)
                        .param("address", address).param("priority", priority).query(UUID.class).single();
                return new ContactMethod(id, userId, type, label == null ? "" : label, address, priority, false, false);
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    public ContactMethod updateMethod(UUID id, String label, String address, int priority) {
        return ConfigurationVersion.write(tx, "contact.updateMethod", db -> {
            ContactMethod current = method(db, id).orElseThrow(() -> ValidationException.of("id", "no such contact method"));
            Problems problems = new Problems();
            ContactMethod.check(problems, current.type(), label, address, priority);
            problems.throwIfAny();
            boolean addressChanged = !current.address().equals(address);
            try {
                // A new address is nobody's proven address: it is unverified (and no longer disabled)
                // until whoever holds it proves it again.
                db.sql("""
                                UPDATE contact_methods SET label = :label, address = :address, priority = :priority,
                                       verified = verified AND NOT :changed, disabled = disabled AND NOT :changed,
                                       verified_at = CASE WHEN :changed THEN NULL ELSE verified_at END,
                                       disabled_reason = CASE WHEN :changed THEN NULL ELSE disabled_reason END
                                WHERE id = :id""")
                        .param("label", label == null ? "" : label).param("address", address)
                        .param("priority", priority).param("changed", addressChanged).param("id", id).update();
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
            return method(db, id).orElseThrow();
        });
    }

    public boolean deleteMethod(UUID id) {
        return ConfigurationVersion.write(tx, "contact.deleteMethod", db ->
                db.sql("DELETE FROM contact_methods WHERE id = :id").param("id", id).update() > 0);
    }

    /**
     * Marks a method verified without a code: only for data an operator seeds (the local run's
     * demo people, test fixtures), never for anything a user typed in. Users verify through
     * {@code sendVerification} and {@code verifyContactMethod}.
     */
    public ContactMethod seedVerified(UUID id, Instant at) {
        return ConfigurationVersion.write(tx, "contact.seedVerified", db -> {
            ContactMethod m = method(db, id).orElseThrow(() -> ValidationException.of("id", "no such contact method"));
            markVerified(db, id, m.address(), at);
            return method(db, id).orElseThrow();
        });
    }

    /**
     * Marks the method verified inside the caller's transaction, provided it still has
     * {@code address} (the one that was proven); false when it has another one by now.
     */
    public static boolean markVerified(JdbcClient db, UUID id, String address, Instant at) {
        ConfigurationVersion.bump(db);
        return db.sql("""
                        UPDATE contact_methods SET verified = true, verified_at = :at
                        WHERE id = :id AND address = :address""")
                .param("at", Rows.param(at)).param("id", id).param("address", address).update() == 1;
    }

    /**
     * Contact methods of {@code users} (every one present, maybe empty), or of everyone when
     * {@code users} is empty-optional, inside the caller's transaction (paging, its snapshot).
     */
    public static Map<UUID, List<ContactMethod>> methodsByUser(JdbcClient db, Optional<Collection<UUID>> users) {
        return byUser(db, "contact_methods", "priority", METHOD, ContactMethod::userId, users);
    }

    /** Notification rules of {@code users} (or everyone's), of every urgency, inside the caller's transaction. */
    public static Map<UUID, List<NotificationRule>> rulesByUser(JdbcClient db, Optional<Collection<UUID>> users) {
        return byUser(db, "notification_rules", "delay_seconds", RULE, NotificationRule::userId, users);
    }

    private static <T> Map<UUID, List<T>> byUser(JdbcClient db, String table, String order, RowMapper<T> rows,
                                                 Function<T, UUID> userOf, Optional<Collection<UUID>> users) {
        Map<UUID, List<T>> out = new LinkedHashMap<>();
        users.ifPresent(u -> u.forEach(id -> out.put(id, new ArrayList<>())));
        if (users.isPresent() && users.get().isEmpty()) {
            return out;
        }
        String where = users.isPresent() ? " WHERE user_id IN (:users)" : "";
        var statement = db.sql("SELECT * FROM " + table + where + " ORDER BY user_id, " + order + ", id");
        if (users.isPresent()) {
            statement = statement.param("users", List.copyOf(users.get()));
        }
        statement.query(rows).list().forEach(r -> out.computeIfAbsent(userOf.apply(r), k -> new ArrayList<>()).add(r));
        return out;
    }

    /** Switches a method off, e.g. when the push provider reports the device token unregistered. */
    public void disable(UUID id, String reason) {
        ConfigurationVersion.write(tx, "contact.disable", db -> db.sql(
                        "UPDATE contact_methods SET disabled = true, disabled_reason = :reason WHERE id = :id")
                .param("reason", reason).param("id", id).update());
    }

    public Optional<ContactMethod> findMethod(UUID id) {
        return tx.read("contact.findMethod", db -> method(db, id));
    }

    /** The method as the caller's transaction sees it. */
    public static Optional<ContactMethod> method(JdbcClient db, UUID id) {
        return db.sql("SELECT * FROM contact_methods WHERE id = :id").param("id", id).query(METHOD).optional();
    }

    /** A person's contact methods in the order they are tried. */
    public List<ContactMethod> methodsOf(UUID userId) {
        return tx.read("contact.methodsOf", db -> db.sql(
                        "SELECT * FROM contact_methods WHERE user_id = :user ORDER BY priority, created_at, id")
                .param("user", userId).query(METHOD).list());
    }

    public List<ContactMethod> methodsOf(List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return tx.read("contact.methodsOfAll", db -> db.sql(
                        "SELECT * FROM contact_methods WHERE user_id IN (:users) ORDER BY priority, created_at, id")
                .param("users", userIds).query(METHOD).list());
    }

    public NotificationRule addRule(UUID userId, UUID contactMethodId, Duration delay, Urgency urgency) {
        Problems problems = new Problems();
        NotificationRule.check(problems, delay);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "contact.addRule", db -> {
            Optional<ContactMethod> m = method(db, contactMethodId);
            if (m.isEmpty() || !m.get().userId().equals(userId)) {
                throw ValidationException.of("contactMethodId", "no such contact method of this user");
            }
            try {
                UUID id = db.sql("""
                                INSERT INTO notification_rules (user_id, contact_method_id, delay_seconds, urgency)
                                VALUES (:user, :method, :delay, :urgency) RETURNING id""")
                        .param("user", userId).param("method", contactMethodId)
                        .param("delay", (int) delay.toSeconds()).param("urgency", urgency.code())
                        .query(UUID.class).single();
                return new NotificationRule(id, userId, contactMethodId, delay, urgency);
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    public boolean deleteRule(UUID id) {
        return ConfigurationVersion.write(tx, "contact.deleteRule", db ->
                db.sql("DELETE FROM notification_rules WHERE id = :id").param("id", id).update() > 0);
    }

    public Optional<NotificationRule> findRule(UUID id) {
        return tx.read("contact.findRule", db -> db.sql("SELECT * FROM notification_rules WHERE id = :id")
                .param("id", id).query(RULE).optional());
    }

    /** A person's rules, ordered by delay. */
    public List<NotificationRule> rulesOf(UUID userId) {
        return tx.read("contact.rulesOf", db -> db.sql(
                        "SELECT * FROM notification_rules WHERE user_id = :user ORDER BY urgency, delay_seconds, id")
                .param("user", userId).query(RULE).list());
    }

    public List<NotificationRule> rulesOf(List<UUID> userIds) {
        if (userIds.isEmpty()) {
            return List.of();
        }
        return tx.read("contact.rulesOfAll", db -> db.sql(
                        "SELECT * FROM notification_rules WHERE user_id IN (:users) ORDER BY urgency, delay_seconds, id")
                .param("users", userIds).query(RULE).list());
    }
}
