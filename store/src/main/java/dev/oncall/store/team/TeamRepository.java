package dev.oncall.store.team;

import dev.oncall.store.version.ConfigurationVersion;
import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.db.Constraints;
import dev.oncall.store.db.Constraints.Explanation;
import dev.oncall.platform.db.Slice;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Teams and their members. */
public final class TeamRepository {
    private static final RowMapper<Team> TEAM = (rs, n) ->
            new Team(Rows.uuid(rs, "id"), rs.getString("name"), rs.getString("description"));
    private static final RowMapper<Member> MEMBER = (rs, n) -> new Member(Rows.uuid(rs, "team_id"),
            Rows.uuid(rs, "user_id"), Role.parse(rs.getString("role")).orElseThrow());
    private static final Map<String, Explanation> CONSTRAINTS = Map.of(
            "teams_name_key", new Explanation("name", "a team with this name already exists"),
            "team_members_pkey", new Explanation("userId", "is already a member of this team"),
            "team_members_user_id_fkey", new Explanation("userId", "no such user"),
            "team_members_team_id_fkey", new Explanation("teamId", "no such team"));

    private final Transactions tx;

    public TeamRepository(Transactions tx) {
        this.tx = tx;
    }

    public Team create(String name, String description) {
        Problems problems = new Problems();
        Team.check(problems, name, description);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "team.create", db -> insertTeam(db, name, description == null ? "" : description));
    }

    /** Creates a team with its first admin in one transaction, so no team is ever left without one. */
    public Team createWithAdmin(String name, String description, UUID adminUserId) {
        Problems problems = new Problems();
        Team.check(problems, name, description);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "team.create", db -> {
            Team team = insertTeam(db, name, description == null ? "" : description);
            insertMember(db, team.id(), adminUserId, Role.ADMIN);
            return team;
        });
    }

    private static Team insertTeam(JdbcClient db, String name, String description) {
        try {
            UUID id = db.sql("INSERT INTO teams (name, description) VALUES (:name, :description) RETURNING id")
                    .param("name", name).param("description", description).query(UUID.class).single();
            return new Team(id, name, description);
        } catch (DataIntegrityViolationException e) {
            throw Constraints.explain(e, CONSTRAINTS);
        }
    }

    public Team update(UUID id, String name, String description) {
        Problems problems = new Problems();
        Team.check(problems, name, description);
        problems.throwIfAny();
        return ConfigurationVersion.write(tx, "team.update", db -> {
            try {
                int n = db.sql("UPDATE teams SET name = :name, description = :description WHERE id = :id")
                        .param("name", name).param("description", description == null ? "" : description)
                        .param("id", id).update();
                if (n == 0) {
                    throw ValidationException.of("id", "no such team");
                }
                return new Team(id, name, description == null ? "" : description);
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, CONSTRAINTS);
            }
        });
    }

    public boolean delete(UUID id) {
        return ConfigurationVersion.write(tx, "team.delete", db -> db.sql("DELETE FROM teams WHERE id = :id").param("id", id).update() > 0);
    }

    public Optional<Team> find(UUID id) {
        return tx.read("team.find", db -> db.sql("SELECT * FROM teams WHERE id = :id").param("id", id)
                .query(TEAM).optional());
    }

    public List<Team> findAll(List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tx.read("team.findAll", db -> db.sql("SELECT * FROM teams WHERE id IN (:ids)").param("ids", ids)
                .query(TEAM).list());
    }

    /** Teams ordered by name, after the name {@code after} (exclusive) when given. */
    public Slice<Team> list(Optional<String> after, int size) {
        return tx.read("team.list", db -> Slice.of(db.sql(
                        "SELECT * FROM teams WHERE (CAST(:after AS VARCHAR) IS NULL OR name > CAST(:after AS VARCHAR)) ORDER BY name LIMIT :limit")
                .param("after", after.orElse(null)).param("limit", size + 1).query(TEAM).list(), size));
    }

    public Member addMember(UUID teamId, UUID userId, Role role) {
        return ConfigurationVersion.write(tx, "team.addMember", db -> insertMember(db, teamId, userId, role));
    }

    private static Member insertMember(JdbcClient db, UUID teamId, UUID userId, Role role) {
        try {
            db.sql("INSERT INTO team_members (team_id, user_id, role) VALUES (:team, :user, :role)")
                    .param("team", teamId).param("user", userId).param("role", role.code()).update();
            return new Member(teamId, userId, role);
        } catch (DataIntegrityViolationException e) {
            throw Constraints.explain(e, CONSTRAINTS);
        }
    }

    /**
     * Changes a member's role. Refuses to demote the last admin: a team without an admin could
     * never again change its members.
     */
    public Member setRole(UUID teamId, UUID userId, Role role) {
        return ConfigurationVersion.write(tx, "team.setRole", db -> {
            Optional<Role> current = roleOf(db, teamId, userId);
            if (current.isEmpty()) {
                throw ValidationException.of("userId", "is not a member of this team");
            }
            if (current.get() == Role.ADMIN && role != Role.ADMIN && adminCount(db, teamId) == 1) {
                throw ValidationException.of("role", "the team's last admin cannot be demoted; make another member admin first");
            }
            db.sql("UPDATE team_members SET role = :role WHERE team_id = :team AND user_id = :user")
                    .param("role", role.code()).param("team", teamId).param("user", userId).update();
            return new Member(teamId, userId, role);
        });
    }

    /**
     * Removes a member, and with them everything of the team that names them
     * ({@link Departures#leaveTeam}): refused, with nothing changed, for the last admin or when
     * a layer or step of the team could not work without them.
     */
    public boolean removeMember(UUID teamId, UUID userId) {
        return ConfigurationVersion.write(tx, "team.removeMember", db -> {
            Optional<Role> current = roleOf(db, teamId, userId);
            if (current.isEmpty()) {
                return false;
            }
            if (current.get() == Role.ADMIN && adminCount(db, teamId) == 1) {
                throw ValidationException.of("userId", "the team's last admin cannot be removed");
            }
            Departures.leaveTeam(db, teamId, userId, "userId");
            return db.sql("DELETE FROM team_members WHERE team_id = :team AND user_id = :user")
                    .param("team", teamId).param("user", userId).update() > 0;
        });
    }

    /** The team's members in membership order. */
    public List<Member> members(UUID teamId) {
        return membersByTeam(List.of(teamId)).get(teamId);
    }

    /** Every membership of the given teams, for batch loading. */
    public List<Member> membersOf(List<UUID> teamIds) {
        return membersByTeam(teamIds).values().stream().flatMap(List::stream).toList();
    }

    /** The members of each of {@code teamIds} in membership order (every team present, maybe empty). */
    public Map<UUID, List<Member>> membersByTeam(Collection<UUID> teamIds) {
        if (teamIds.isEmpty()) {
            return Map.of();
        }
        return tx.read("team.membersByTeam", db -> membersByTeam(db, teamIds));
    }

    /**
     * The members of each of {@code teamIds} in membership order (every team present, maybe
     * empty), read inside the caller's transaction: paging resolves its team targets from the
     * same snapshot it writes the page in.
     */
    public static Map<UUID, List<Member>> membersByTeam(JdbcClient db, Collection<UUID> teamIds) {
        Map<UUID, List<Member>> out = new LinkedHashMap<>();
        teamIds.forEach(id -> out.put(id, new ArrayList<>()));
        if (!teamIds.isEmpty()) {
            db.sql("SELECT * FROM team_members WHERE team_id IN (:teams) ORDER BY created_at, user_id")
                    .param("teams", List.copyOf(teamIds)).query(MEMBER).list()
                    .forEach(m -> out.get(m.teamId()).add(m));
        }
        return out;
    }

    /** The teams a user belongs to, with their role in each. */
    /** Every team's members in membership order, inside the caller's transaction (the paging snapshot). */
    public static Map<UUID, List<Member>> allMembersByTeam(JdbcClient db) {
        Map<UUID, List<Member>> out = new LinkedHashMap<>();
        db.sql("SELECT * FROM team_members ORDER BY team_id, created_at, user_id").query(MEMBER).list()
                .forEach(m -> out.computeIfAbsent(m.teamId(), k -> new ArrayList<>()).add(m));
        return out;
    }

    public List<Member> membershipsOf(UUID userId) {
        return tx.read("team.membershipsOf", db -> db.sql("SELECT * FROM team_members WHERE user_id = :user")
                .param("user", userId).query(MEMBER).list());
    }

    public Optional<Role> roleOf(UUID teamId, UUID userId) {
        return tx.read("team.roleOf", db -> roleOf(db, teamId, userId));
    }

    private static Optional<Role> roleOf(JdbcClient db, UUID teamId, UUID userId) {
        return db.sql("SELECT role FROM team_members WHERE team_id = :team AND user_id = :user")
                .param("team", teamId).param("user", userId).query(String.class).optional()
                .flatMap(Role::parse);
    }

    private static int adminCount(JdbcClient db, UUID teamId) {
        return db.sql("SELECT count(*) FROM team_members WHERE team_id = :team AND role = 'admin'")
                .param("team", teamId).query(Integer.class).single();
    }
}
