package dev.oncall.core.installation;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/**
 * A person's role in the whole installation, above every team (as PagerDuty's account roles).
 * Each role can do what the roles below it can: users act through their team roles only;
 * admins also add people to teams, create people and teams, and change or delete any person
 * up to their own rank; owners also make and unmake owners. An installation always keeps one
 * owner. No team role grants any of this.
 */
public enum InstallationRole {
    USER,
    ADMIN,
    OWNER;

    public boolean atLeast(InstallationRole other) {
        return compareTo(other) >= 0;
    }

    public String code() {
        return Codes.of(this);
    }

    public static Optional<InstallationRole> parse(String code) {
        return Codes.parse(InstallationRole.class, code);
    }
}
