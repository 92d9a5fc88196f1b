package dev.oncall.api.auth;

import dev.oncall.core.team.Role;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking, with what they may do: a person (personal token or OIDC login) with their role
 * in each of their teams, or a team automation token with one role in one team.
 */
public sealed interface Caller {
    /** The caller's role in {@code teamId}, if they have one. */
    Optional<Role> roleIn(UUID teamId);

    /** The teams the caller can see. */
    Set<UUID> teams();

    /** The person, when the caller is one. */
    Optional<UUID> userId();

    /** A person acting with their own memberships. */
    record Person(UUID id, Map<UUID, Role> roles) implements Caller {
        public Person {
            Objects.requireNonNull(id, "id");
            roles = Map.copyOf(roles);
        }

        @Override
        public Optional<Role> roleIn(UUID teamId) {
            return Optional.ofNullable(roles.get(teamId));
        }

        @Override
        public Set<UUID> teams() {
            return roles.keySet();
        }

        @Override
        public Optional<UUID> userId() {
            return Optional.of(id);
        }
    }

    /** An automation token of one team. */
    record TeamToken(UUID tokenId, UUID teamId, Role role) implements Caller {
        public TeamToken {
            Objects.requireNonNull(tokenId, "tokenId");
            Objects.requireNonNull(teamId, "teamId");
            Objects.requireNonNull(role, "role");
        }

        @Override
        public Optional<Role> roleIn(UUID team) {
            return teamId.equals(team) ? Optional.of(role) : Optional.empty();
        }

        @Override
        public Set<UUID> teams() {
            return Set.of(teamId);
        }

        @Override
        public Optional<UUID> userId() {
            return Optional.empty();
        }
    }
}
