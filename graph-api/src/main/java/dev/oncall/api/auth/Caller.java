package dev.oncall.api.auth;

import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.team.Role;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Who is asking, with what they may do: a person (personal token or OIDC login) with their
 * installation role and their role in each of their teams, or a team automation token with one
 * role in one team and no installation role.
 */
public sealed interface Caller {
    /** The caller's role in {@code teamId}, if they have one. */
    Optional<Role> roleIn(UUID teamId);

    /** The teams the caller can see. */
    Set<UUID> teams();

    /** The person, when the caller is one. */
    Optional<UUID> userId();

    /** The caller's installation role; none for a team token, which acts only within its team. */
    Optional<InstallationRole> installationRole();

    /** A person acting with their own installation role and memberships. */
    record Person(UUID id, Map<UUID, Role> roles, InstallationRole installation) implements Caller {
        public Person {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(installation, "installation");
            roles = Map.copyOf(roles);
        }

        /** A plain user (no installation role above {@link InstallationRole#USER}). */
        public Person(UUID id, Map<UUID, Role> roles) {
            this(id, roles, InstallationRole.USER);
        }

        @Override
        public Optional<InstallationRole> installationRole() {
            return Optional.of(installation);
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

        @Override
        public Optional<InstallationRole> installationRole() {
            return Optional.empty();
        }
    }
}
