package dev.oncall.store.team;

import dev.oncall.store.version.ConfigurationVersion;
import dev.oncall.core.team.Invitation;
import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.db.Constraints;
import dev.oncall.store.db.Constraints.Explanation;
import dev.oncall.platform.db.Rows;
import dev.oncall.platform.db.Transactions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Pending invitations to join a team. A person joins a team they were invited to only by
 * accepting; the invitation is gone once answered (accepted, declined) or cancelled.
 */
public final class InvitationRepository {
    private static final RowMapper<Invitation> INVITATION = (rs, n) -> new Invitation(Rows.uuid(rs, "id"),
            Rows.uuid(rs, "team_id"), Rows.uuid(rs, "user_id"), Role.parse(rs.getString("role")).orElseThrow(),
            Optional.ofNullable(Rows.uuid(rs, "invited_by")), Rows.instant(rs, "created_at"));

    private final Transactions tx;

    public InvitationRepository(Transactions tx) {
        this.tx = tx;
    }

    /**
     * Invites {@code userId} to the team in {@code role}; inviting someone already invited
     * replaces that invitation's role and inviter. Refused for a member of the team (on
     * {@code personField}, the input field that named them) and past
     * {@link Invitation#MAX_PENDING_PER_TEAM}.
     */
    public Invitation invite(UUID teamId, UUID userId, Role role, UUID invitedBy, Instant at, String personField) {
        Map<String, Explanation> constraints = Map.of(
                "team_invitations_team_id_fkey", new Explanation("teamId", "no such team"),
                "team_invitations_user_id_fkey", new Explanation(personField, "no such user"));
        return ConfigurationVersion.write(tx, "invitation.invite", db -> {
            if (db.sql("SELECT count(*) FROM team_members WHERE team_id = :team AND user_id = :user")
                    .param("team", teamId).param("user", userId).query(Integer.class).single() > 0) {
                throw ValidationException.of(personField, "is already a member of this team");
            }
            boolean renewing = db.sql("SELECT count(*) FROM team_invitations WHERE team_id = :team AND user_id = :user")
                    .param("team", teamId).param("user", userId).query(Integer.class).single() > 0;
            if (!renewing && pendingCount(db, teamId) >= Invitation.MAX_PENDING_PER_TEAM) {
                throw ValidationException.of("teamId", "the team has " + Invitation.MAX_PENDING_PER_TEAM
                        + " pending invitations, the most it may have; cancel some first");
            }
            try {
                return db.sql("""
                                INSERT INTO team_invitations (team_id, user_id, role, invited_by, created_at)
                                VALUES (:team, :user, :role, :by, :at)
                                ON CONFLICT (team_id, user_id)
                                DO UPDATE SET role = excluded.role, invited_by = excluded.invited_by, created_at = excluded.created_at
                                RETURNING *""")
                        .param("team", teamId).param("user", userId).param("role", role.code())
                        .param("by", invitedBy).param("at", Rows.param(at)).query(INVITATION).single();
            } catch (DataIntegrityViolationException e) {
                throw Constraints.explain(e, constraints);
            }
        });
    }

    public Optional<Invitation> find(UUID id) {
        return tx.read("invitation.find", db -> find(db, id));
    }

    /** The person's pending invitations, oldest first. */
    public List<Invitation> pendingFor(UUID userId) {
        return tx.read("invitation.pendingFor", db -> db.sql(
                        "SELECT * FROM team_invitations WHERE user_id = :user ORDER BY created_at, id")
                .param("user", userId).query(INVITATION).list());
    }

    /** The team's pending invitations, oldest first. */
    public List<Invitation> pendingIn(UUID teamId) {
        return tx.read("invitation.pendingIn", db -> db.sql(
                        "SELECT * FROM team_invitations WHERE team_id = :team ORDER BY created_at, id")
                .param("team", teamId).query(INVITATION).list());
    }

    /**
     * The invitee accepts: they become a member in the invitation's role and the invitation is
     * gone, in one transaction. An id that is not a pending invitation of {@code userId} is
     * refused the same way whether or not it exists, so nobody learns of others' invitations.
     */
    public Member accept(UUID id, UUID userId) {
        return ConfigurationVersion.write(tx, "invitation.accept", db -> {
            Invitation invitation = ownPending(db, id, userId);
            if (db.sql("SELECT count(*) FROM team_members WHERE team_id = :team AND user_id = :user")
                    .param("team", invitation.teamId()).param("user", userId).query(Integer.class).single() > 0) {
                throw ValidationException.of("id", "you are a member of this team already; decline the invitation");
            }
            db.sql("INSERT INTO team_members (team_id, user_id, role) VALUES (:team, :user, :role)")
                    .param("team", invitation.teamId()).param("user", userId).param("role", invitation.role().code())
                    .update();
            delete(db, id);
            return new Member(invitation.teamId(), userId, invitation.role());
        });
    }

    /** The invitee declines; refused like {@link #accept} for anything but their own pending invitation. */
    public Invitation decline(UUID id, UUID userId) {
        return ConfigurationVersion.write(tx, "invitation.decline", db -> {
            Invitation invitation = ownPending(db, id, userId);
            delete(db, id);
            return invitation;
        });
    }

    /** Withdraws an invitation; false when there was none. */
    public boolean cancel(UUID id) {
        return ConfigurationVersion.write(tx, "invitation.cancel", db -> delete(db, id));
    }

    private static Invitation ownPending(JdbcClient db, UUID id, UUID userId) {
        return find(db, id).filter(i -> i.userId().equals(userId))
                .orElseThrow(() -> ValidationException.of("id", "you have no pending invitation with this id"));
    }

    private static Optional<Invitation> find(JdbcClient db, UUID id) {
        return db.sql("SELECT * FROM team_invitations WHERE id = :id").param("id", id).query(INVITATION).optional();
    }

    private static boolean delete(JdbcClient db, UUID id) {
        return db.sql("DELETE FROM team_invitations WHERE id = :id").param("id", id).update() > 0;
    }

    private static int pendingCount(JdbcClient db, UUID teamId) {
        return db.sql("SELECT count(*) FROM team_invitations WHERE team_id = :team").param("team", teamId)
                .query(Integer.class).single();
    }
}
