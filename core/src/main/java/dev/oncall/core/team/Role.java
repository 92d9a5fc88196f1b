package dev.oncall.core.team;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/**
 * A member's role in one team. Each role can do what the roles below it can:
 * observers read; responders also handle incidents and manage their own overrides and cover
 * claims; managers also edit schedules, policies and services and read members' contact
 * details; admins also manage members and tokens. No team role changes a person's profile or
 * contact methods: that is theirs and the installation's
 * ({@link dev.oncall.core.installation.InstallationRole}).
 */
public enum Role {
    OBSERVER,
    RESPONDER,
    MANAGER,
    ADMIN;

    public boolean atLeast(Role other) {
        return compareTo(other) >= 0;
    }

    public String code() {
        return Codes.of(this);
    }

    public static Optional<Role> parse(String code) {
        return Codes.parse(Role.class, code);
    }
}
