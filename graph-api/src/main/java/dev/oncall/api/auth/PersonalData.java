package dev.oncall.api.auth;

import dev.oncall.api.graphql.ApiException;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.team.Role;
import dev.oncall.store.team.TeamRepository;
import dev.oncall.store.user.UserRepository;
import graphql.schema.DataFetchingEnvironment;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * The one rule for what belongs to a person: their profile (handle, name, email, zone), their
 * contact methods and their notification rules. These decide where pages, acknowledge links
 * and (with OIDC) logins go, so no team role reaches them: a team admin who could change a
 * member's number could redirect that member's pages to themselves.
 *
 * <ul>
 *   <li><b>Change</b> (and delete the person): the person themselves, or an installation admin
 *       or owner whose installation role is at least the person's (an admin cannot take over
 *       an owner by moving the owner's email).</li>
 *   <li><b>Read the contact details</b> (email, contact methods' addresses, notification
 *       rules): the person themselves, an installation admin or owner, or whoever holds the
 *       manager role or above in a team the person belongs to (a manager must reach the people
 *       they schedule).</li>
 * </ul>
 */
@Component
public class PersonalData {
    private final TeamRepository teams;
    private final UserRepository users;

    PersonalData(TeamRepository teams, UserRepository users) {
        this.teams = teams;
        this.users = users;
    }

    /** Refuses unless the caller may change {@code person}'s profile, contact methods and notification rules. */
    public void requireChange(Caller caller, UUID person) {
        if (!mayChange(caller, person)) {
            throw ApiException.forbidden("only the person themselves or an installation admin may do this");
        }
    }

    /**
     * The personal thing (contact method, notification rule) a lookup of an input's {@code field}
     * {@code found}, if the caller may change it. Who may not even read it gets the answer for an
     * id that names nothing ({@link Access#known}); who may read but not change it, FORBIDDEN.
     */
    public <T> T changeable(DataFetchingEnvironment env, Optional<T> found, Function<T, UUID> ownerOf, String field,
            String noun) {
        T thing = Access.known(found, t -> mayRead(env, ownerOf.apply(t)), field, noun);
        requireChange(Callers.of(env), ownerOf.apply(thing));
        return thing;
    }

    public boolean mayChange(Caller caller, UUID person) {
        if (isSelf(caller, person)) {
            return true;
        }
        return Access.hasInstallation(caller, InstallationRole.ADMIN)
                && Access.hasInstallation(caller, users.installationRoleOf(person));
    }

    /** Refuses unless the caller may read {@code person}'s contact details. */
    public void requireRead(DataFetchingEnvironment env, UUID person) {
        if (!mayRead(env, person)) {
            throw ApiException.forbidden("only the person themselves, a manager of their team or an installation admin may read this");
        }
    }

    public boolean mayRead(DataFetchingEnvironment env, UUID person) {
        Caller caller = Callers.of(env);
        return isSelf(caller, person)
                || Access.hasInstallation(caller, InstallationRole.ADMIN)
                || Audience.of(env, teams).holdsOver(person, Role.MANAGER);
    }

    private static boolean isSelf(Caller caller, UUID person) {
        return caller.userId().map(person::equals).orElse(false);
    }
}
