package dev.oncall.store.schedule;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.Problems;
import dev.oncall.core.validation.ValidationException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Everyone a schedule names (participants, override holders, requesters, claimers) must be a member of its team. */
final class TeamMembership {
    private TeamMembership() {
    }

    static void checkParticipants(JdbcClient db, UUID teamId, List<Layer> layers, String field) {
        Set<UUID> members = new HashSet<>(db.sql("SELECT user_id FROM team_members WHERE team_id = :team")
                .param("team", teamId).query(UUID.class).list());
        Problems problems = new Problems();
        for (int l = 0; l < layers.size(); l++) {
            List<UserRef> participants = layers.get(l).participants();
            String at = layers.size() == 1 && field.equals("layer") ? "layer" : field + "[" + l + "]";
            for (int p = 0; p < participants.size(); p++) {
                UUID id = participants.get(p).asUuid().orElse(null);
                if (id == null || !members.contains(id)) {
                    problems.add(at + ".participants[" + p + "]", "\"" + participants.get(p)
                            + "\" is not a member of the schedule's team");
                }
            }
        }
        problems.throwIfAny();
    }

    static void checkMember(JdbcClient db, UUID teamId, UUID userId, String field) {
        if (!isMember(db, teamId, userId)) {
            throw ValidationException.of(field, "is not a member of the schedule's team");
        }
    }

    static boolean isMember(JdbcClient db, UUID teamId, UUID userId) {
        return db.sql("SELECT count(*) FROM team_members WHERE team_id = :team AND user_id = :user")
                .param("team", teamId).param("user", userId).query(Integer.class).single() > 0;
    }
}
