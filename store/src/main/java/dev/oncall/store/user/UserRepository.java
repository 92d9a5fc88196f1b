package dev.oncall.store.user;

import dev.oncall.store.version.ConfigurationVersion;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.team.Role;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.core.validation.Zones;
import dev.oncall.store.db.Constraints;
import dev.oncall.store.db.Constraints.Explanation;
import dev.oncall.platform.db.Slice;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import dev.oncall.store.team.Departures;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.core.RowMapper;

/**
 * People and their installation roles. Their contact methods and notification rules are in
 * {@link ContactRepository}.
 */
public final class UserRepository {
    static final RowMapper<User> USER = (rs, n) -> new User(Rows.uuid(rs, "id"), rs.getString("handle"),
            rs.getString("name"), rs.getString("email"), ZoneId.of(rs.getString("timezone")));
    private static final Map<String, Explanation> CONSTRAINTS = Map.of(
            "users_handle_key", new Explanation("handle", "this handle is already taken"),
            "users_email_key", new Explanation("email", "a user with this email already exists"),
            "users_email_case_insensitive_key", new Explanation("email", "a user with this email already exists"),
            "team_members_team_id_fkey", new Explanation("teamId", "no such team"));

    private final Transactions tx;

    public UserRepository(Transactions tx) {
        this.tx = tx;
    }

    public User create(String handle, String name, String email, String timezone) {
        return insert("user.create", handle, name, email, timezone, (db, id) -> { });
    }

    /**
     * Creates a person and their first membership in one transaction, so an API that adds people
     * to a team never leaves someone behind who belongs nowhere.
     */
    public User createInTeam(UUID teamId, Role role, String handle, String name, String email, String timezone) {
        return insert("user.createInTeam", handle, name, email, timezone, (db, id) ->
                db.sql("INSERT INTO team_members (team_id, user_id, role) VALUES (:team, :user, :role)")
                        .param("team", teamId).param("user", id).param("role", role.code()).update());
    }

    /** Validates and inserts a person, then runs {@code alsoWith} in the same transaction. */
    private User insert(String txName, String handle, String name, String email, String timezone,
                        BiConsumer<JdbcClient, UUID> alsoWith) {
        ZoneId zone = checked(handle, name, email, timezone);
        return ConfigurationVersion.write(tx, txName, db -> {
            try {
                UUID id = db.sql("""
                                INSERT INTO users (handle, name, email, timezone)
                                VALUES (:handle, :name, :email, :timezone) RETURNING id""")
                        .param("handle", handle).param("name", name).param("email", email)
                        .param("timezone", zone.getId()).query(UUID.class).single();
                alsoWith.accept(db, id);
                return new User(id, handle, name, email, zone);
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    /** Validates a person's fields; the zone is the one the (IANA) name resolves to, which is what is stored. */
    private static ZoneId checked(String handle, String name, String email, String timezone) {
        Problems problems = new Problems();
        User.check(problems, handle, name, email, timezone);
        problems.throwIfAny();
        return Zones.parse(timezone).orElseThrow();
    }

    public User update(UUID id, String handle, String name, String email, String timezone) {
        ZoneId zone = checked(handle, name, email, timezone);
        return ConfigurationVersion.write(tx, "user.update", db -> {
            try {
                int n = db.sql("""
                                UPDATE users SET handle = :handle, name = :name, email = :email, timezone = :timezone
                                WHERE id = :id""")
                        .param("handle", handle).param("name", name).param("email", email)
                        .param("timezone", zone.getId()).param("id", id).update();
                if (n == 0) {
                    throw ValidationException.of("id", "no such user");
                }
                return new User(id, handle, name, email, zone);
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    /**
     * Deletes a person with everything that is theirs: memberships, contact methods, tokens,
     * their on-call history (shifts), and their place in every schedule and policy
     * ({@link Departures#leaveEverything}, which bumps the versions of what it changes, so no
     * cached on-call answer names them afterwards). Refused, with nothing changed, when a layer
     * or step could not work without them.
     */
    public boolean delete(UUID id) {
        return ConfigurationVersion.write(tx, "user.delete", db -> {
            if (db.sql("SELECT count(*) FROM users WHERE id = :id").param("id", id).query(Integer.class).single() == 0) {
                return false;
            }
            if (installationRoleOf(db, id) == InstallationRole.OWNER && ownerCount(db) == 1) {
                throw ValidationException.of("id", "the installation's last owner cannot be deleted; make another person owner first");
            }
            Departures.leaveEverything(db, id, "id");
            db.sql("DELETE FROM shifts WHERE user_id = :id").param("id", id).update();
            return db.sql("DELETE FROM users WHERE id = :id").param("id", id).update() > 0;
        });
    }

    public Optional<User> find(UUID id) {
        return tx.read("user.find", db -> db.sql("SELECT * FROM users WHERE id = :id").param("id", id)
                .query(USER).optional());
    }

    public List<User> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tx.read("user.findAll", db -> db.sql("SELECT * FROM users WHERE id IN (:ids)").param("ids", ids)
                .query(USER).list());
    }

    public Optional<User> findByHandle(String handle) {
        return tx.read("user.findByHandle", db -> db.sql("SELECT * FROM users WHERE handle = :handle")
                .param("handle", handle).query(USER).optional());
    }

    public List<User> findByHandles(List<String> handles) {
        if (handles.isEmpty()) {
            return List.of();
        }
        return tx.read("user.findByHandles", db -> db.sql("SELECT * FROM users WHERE handle IN (:handles)")
                .param("handles", handles).query(USER).list());
    }

    public Optional<User> findByEmail(String email) {
        return tx.read("user.findByEmail", db -> db.sql("SELECT * FROM users WHERE lower(email) = lower(:email)")
                .param("email", email).query(USER).optional());
    }

    /** Users ordered by handle, after {@code after} (exclusive) when given. */
    public Slice<User> list(Optional<String> after, int size) {
        return tx.read("user.list", db -> Slice.of(db.sql("""
                        SELECT * FROM users WHERE (CAST(:after AS VARCHAR) IS NULL OR handle > CAST(:after AS VARCHAR))
                        ORDER BY handle LIMIT :limit""")
                .param("after", after.orElse(null)).param("limit", size + 1).query(USER).list(), size));
    }

    /** Members of a team, as users. */
    public List<User> membersOf(UUID teamId) {
        return tx.read("user.membersOf", db -> db.sql("""
                        SELECT u.* FROM users u JOIN team_members m ON m.user_id = u.id
                        WHERE m.team_id = :team ORDER BY u.handle""")
                .param("team", teamId).query(USER).list());
    }

    /** The person's installation role: {@link InstallationRole#USER} unless raised (and for nobody). */
    public InstallationRole installationRoleOf(UUID userId) {
        return tx.read("user.installationRoleOf", db -> installationRoleOf(db, userId));
    }

    /** The installation roles of {@code userIds}, every one of them present. */
    public Map<UUID, InstallationRole> installationRolesOf(Collection<UUID> userIds) {
        Map<UUID, InstallationRole> out = new HashMap<>();
        userIds.forEach(id -> out.put(id, InstallationRole.USER));
        if (!userIds.isEmpty()) {
            tx.read("user.installationRolesOf", db -> db.sql(
                            "SELECT user_id, role FROM installation_roles WHERE user_id IN (:ids)")
                    .param("ids", List.copyOf(userIds))
                    .query((rs, n) -> Map.entry(Rows.uuid(rs, "user_id"), role(rs.getString("role")))).list())
                    .forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    /**
     * Gives a person an installation role. Refuses to demote the last owner: an installation
     * without an owner could never again make one. Checked and written in one serializable
     * transaction, so two owners demoting each other at once cannot both succeed.
     */
    public InstallationRole setInstallationRole(UUID userId, InstallationRole role) {
        return ConfigurationVersion.write(tx, "user.setInstallationRole", db -> {
            if (db.sql("SELECT count(*) FROM users WHERE id = :id").param("id", userId).query(Integer.class).single() == 0) {
                throw ValidationException.of("userId", "no such user");
            }
            InstallationRole current = installationRoleOf(db, userId);
            if (current == InstallationRole.OWNER && role != InstallationRole.OWNER && ownerCount(db) == 1) {
                throw ValidationException.of("role", "the installation's last owner cannot be demoted; make another person owner first");
            }
            if (role == InstallationRole.USER) {
                db.sql("DELETE FROM installation_roles WHERE user_id = :id").param("id", userId).update();
            } else {
                db.sql("""
                                INSERT INTO installation_roles (user_id, role) VALUES (:id, :role)
                                ON CONFLICT (user_id) DO UPDATE SET role = excluded.role""")
                        .param("id", userId).param("role", role.code()).update();
            }
            return role;
        });
    }

    /** Whether the installation has an owner (a fresh one has nobody at all). */
    public boolean hasOwner() {
        return tx.read("user.hasOwner", db -> ownerCount(db) > 0);
    }

    private static InstallationRole installationRoleOf(JdbcClient db, UUID userId) {
        return db.sql("SELECT role FROM installation_roles WHERE user_id = :id").param("id", userId)
                .query(String.class).optional().map(UserRepository::role).orElse(InstallationRole.USER);
    }

    private static int ownerCount(JdbcClient db) {
        return db.sql("SELECT count(*) FROM installation_roles WHERE role = 'owner'").query(Integer.class).single();
    }

    private static InstallationRole role(String code) {
        return InstallationRole.parse(code).orElseThrow(() -> new IllegalStateException("unknown installation role " + code));
    }
}
