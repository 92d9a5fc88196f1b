package dev.oncall.api.installation;

import dev.oncall.api.auth.Access;
import dev.oncall.api.auth.Caller;
import dev.oncall.api.auth.Callers;
import dev.oncall.api.graphql.ApiException;
import dev.oncall.api.graphql.Mutations;
import dev.oncall.api.graphql.UserError;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.user.UserRepository;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.stereotype.Controller;

/**
 * Installation roles: shown with every person, given by installation admins up to their own
 * rank (only owners make or unmake owners), and the last owner is never demoted.
 */
@Controller
class InstallationController {
    private final UserRepository users;

    InstallationController(UserRepository users) {
        this.users = users;
    }

    record SetInstallationRoleInput(UUID userId, InstallationRole role) {}

    record UserPayload(User user, List<UserError> userErrors) {}

    @BatchMapping(typeName = "User")
    Map<User, InstallationRole> installationRole(List<User> people) {
        Map<UUID, InstallationRole> roles = users.installationRolesOf(people.stream().map(User::id).toList());
        return people.stream().distinct().collect(Collectors.toMap(Function.identity(), u -> roles.get(u.id())));
    }

    @MutationMapping
    UserPayload setInstallationRole(Caller caller, @Argument SetInstallationRoleInput input, DataFetchingEnvironment env) {
        return Mutations.attempt(() -> {
            Access.requireInstallation(caller, InstallationRole.ADMIN, "setting installation roles");
            InstallationRole current = users.installationRoleOf(input.userId());
            if (!Access.hasInstallation(caller, current) || !Access.hasInstallation(caller, input.role())) {
                throw ApiException.forbidden("only an installation owner may make or unmake owners");
            }
            User user = users.find(input.userId()).orElseThrow(() ->
                    ValidationException.of("userId", "no such user"));
            InstallationRole role = users.setInstallationRole(user.id(), input.role());
            if (caller.userId().map(user.id()::equals).orElse(false)) {
                Callers.installationRoleChanged(env, role);
            }
            return new UserPayload(user, List.of());
        }, errors -> new UserPayload(null, errors));
    }
}
