package dev.oncall.core.team;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A team's pending offer of membership to a person: they become a member, in {@code role},
 * only when they accept it. {@code invitedBy} is empty once the inviter is deleted.
 */
public record Invitation(UUID id, UUID teamId, UUID userId, Role role, Optional<UUID> invitedBy, Instant createdAt) {
    /** Pending invitations one team may have at once, so a team cannot flood people with offers. */
    public static final int MAX_PENDING_PER_TEAM = 100;

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(teamId, "teamId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(invitedBy, "invitedBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
