package dev.oncall.api.auth;

import dev.oncall.api.graphql.ApiException;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.team.Role;
import dev.oncall.core.validation.ValidationException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.UUID;

/**
 * The authorization rules, in one place. Team roles are per team and ordered
 * (observer &lt; responder &lt; manager &lt; admin); nobody reaches into a team they are not in.
 * Installation roles (user &lt; admin &lt; owner) are above teams and held by people only; what
 * they govern over a person's own data is {@link PersonalData}'s rule.
 */
public final class Access {
    private Access() {}

    /** Refuses unless the caller holds at least {@code role} in {@code teamId}. */
    public static Role require(Caller caller, UUID teamId, Role role) {
        Role held = caller.roleIn(teamId).orElseThrow(() -> ApiException.forbidden("you are not a member of this team"));
        if (!held.atLeast(role)) {
            throw ApiException.forbidden("this needs the " + role.code() + " role in the team; you are "
                    + article(held) + " " + held.code());
        }
        return held;
    }

    /**
     * The thing of some team that a lookup {@code found}, if the caller is a member of that team;
     * otherwise NOT_FOUND "no such {@code noun}", the very answer for an id that names nothing, so
     * an id of another team's thing does not even tell that it exists.
     */
    public static <T> T visible(Caller caller, Optional<T> found, Function<T, UUID> teamOf, String noun) {
        return ofCallersTeams(caller, found, teamOf).orElseThrow(() -> ApiException.notFound("no such " + noun));
    }

    /**
     * The mutations' form of {@link #visible}: the thing of some team that a lookup of an input's
     * {@code field} {@code found}, if the caller is a member of that team; otherwise the userError
     * "no such {@code noun}" on that field, the very answer for an id that names nothing. A member
     * then meets {@link #require}, whose refusal names the role they lack.
     */
    public static <T> T named(Caller caller, Optional<T> found, Function<T, UUID> teamOf, String field, String noun) {
        return known(ofCallersTeams(caller, found, teamOf), t -> true, field, noun);
    }

    /**
     * For what only its owner ever sees (a calendar feed, a personal token): the thing a lookup
     * {@code found}, if it is the caller's; otherwise the answer for an id that names nothing.
     */
    public static <T> T own(Caller caller, Optional<T> found, Function<T, UUID> ownerOf, String field, String noun) {
        return known(found, t -> caller.userId().map(ownerOf.apply(t)::equals).orElse(false), field, noun);
    }

    /**
     * What {@link #named} and {@link #own} share: the thing a lookup of an input's {@code field}
     * {@code found}, if the caller may know of it; otherwise the userError "no such {@code noun}"
     * on that field, the very answer for an id that names nothing.
     */
    public static <T> T known(Optional<T> found, Predicate<T> knowable, String field, String noun) {
        return found.filter(knowable).orElseThrow(() -> ValidationException.of(field, "no such " + noun));
    }

    /** {@link #named}, then {@link #require}: a member lacking {@code role} is told which role it needs. */
    public static <T> T named(Caller caller, Optional<T> found, Function<T, UUID> teamOf, String field, String noun,
            Role role) {
        T thing = named(caller, found, teamOf, field, noun);
        require(caller, teamOf.apply(thing), role);
        return thing;
    }

    private static <T> Optional<T> ofCallersTeams(Caller caller, Optional<T> found, Function<T, UUID> teamOf) {
        return found.filter(t -> caller.roleIn(teamOf.apply(t)).isPresent());
    }

    /** Refuses unless the caller may read the team's data (any member). */
    public static Role read(Caller caller, UUID teamId) {
        return require(caller, teamId, Role.OBSERVER);
    }

    public static boolean has(Caller caller, UUID teamId, Role role) {
        return caller.roleIn(teamId).map(r -> r.atLeast(role)).orElse(false);
    }

    /**
     * For things a responder may do for themselves (overrides, cover, contact methods): the
     * person themselves with {@code own}, or anyone with {@code others}.
     */
    public static void requireSelfOr(Caller caller, UUID teamId, UUID subject, Role own, Role others) {
        boolean self = caller.userId().map(subject::equals).orElse(false);
        require(caller, teamId, self ? own : others);
    }

    /** Whether the caller is a person holding at least {@code role} in the installation. */
    public static boolean hasInstallation(Caller caller, InstallationRole role) {
        return caller.installationRole().map(r -> r.atLeast(role)).orElse(false);
    }

    /**
     * Refuses unless the caller is a person holding at least {@code role} in the installation.
     * The answer depends on the caller alone, never on what the operation names, so a refusal
     * tells nothing about the people or teams it names.
     */
    public static InstallationRole requireInstallation(Caller caller, InstallationRole role, String what) {
        InstallationRole held = caller.installationRole()
                .orElseThrow(() -> ApiException.forbidden(what + " is for installation " + plural(role) + ", not team tokens"));
        if (!held.atLeast(role)) {
            throw ApiException.forbidden(what + " is for installation " + plural(role) + "; you are "
                    + (held == InstallationRole.USER ? "a user" : "an " + held.code()));
        }
        return held;
    }

    /** Refuses automation tokens where only a person makes sense (their own tokens, cover requests). */
    public static UUID person(Caller caller) {
        return caller.userId().orElseThrow(() -> ApiException.forbidden("only a person can do this, not a team token"));
    }

    private static String plural(InstallationRole role) {
        return switch (role) {
            case OWNER -> "owners";
            case ADMIN -> "admins and owners";
            case USER -> "people";
        };
    }

    private static String article(Role role) {
        return role.code().toLowerCase(Locale.ROOT).startsWith("a") || role.code().startsWith("o") ? "an" : "a";
    }
}
