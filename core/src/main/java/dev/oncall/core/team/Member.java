package dev.oncall.core.team;

import java.util.Objects;
import java.util.UUID;

/** A user's membership of a team, with the role that says what they may do there. */
public record Member(UUID teamId, UUID userId, Role role) {
    public Member {
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
    }
}
