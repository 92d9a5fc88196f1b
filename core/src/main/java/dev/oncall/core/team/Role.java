package dev.oncall.core.team;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/**
 * A member's role in one team. Each role can do what the roles below it can:
 * observers read; responders also manage their own overrides, cover claims and contact
 * methods; managers also edit schedules, policies and services; admins also manage members
 * and tokens.
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
