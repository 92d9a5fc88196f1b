package dev.oncall.store.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.user.User;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Installation roles as stored: plain users by default, and an installation that always keeps an owner. */
@ExtendWith(WithInfrastructure.class)
class InstallationRolesTest {
    private StoreFixture store;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private User person(String handle) {
        return store.users.create(handle, handle, handle + "@example.com", "UTC");
    }

    @Test
    void aNewPersonIsAPlainUser() {
        User ann = person("ann");

        assertThat(store.users.installationRoleOf(ann.id())).isEqualTo(InstallationRole.USER);
        assertThat(store.users.installationRolesOf(List.of(ann.id()))).isEqualTo(Map.of(ann.id(), InstallationRole.USER));
        assertThat(store.users.hasOwner()).isFalse();
    }

    @Test
    void rolesAreGivenChangedAndTakenBack() {
        User ann = person("ann");
        User bob = person("bob");

        store.users.setInstallationRole(ann.id(), InstallationRole.OWNER);
        store.users.setInstallationRole(bob.id(), InstallationRole.ADMIN);
        assertThat(store.users.installationRolesOf(List.of(ann.id(), bob.id())))
                .isEqualTo(Map.of(ann.id(), InstallationRole.OWNER, bob.id(), InstallationRole.ADMIN));

        store.users.setInstallationRole(bob.id(), InstallationRole.USER);
        assertThat(store.users.installationRoleOf(bob.id())).isEqualTo(InstallationRole.USER);
        assertThat(store.count("installation_roles")).isEqualTo(1);
    }

    @Test
    void theLastOwnerIsNeitherDemotedNorDeleted() {
        User ann = person("ann");
        User bob = person("bob");
        store.users.setInstallationRole(ann.id(), InstallationRole.OWNER);

        assertThatThrownBy(() -> store.users.setInstallationRole(ann.id(), InstallationRole.ADMIN))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("role"));
        assertThatThrownBy(() -> store.users.delete(ann.id()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("id"));
        assertThat(store.users.installationRoleOf(ann.id())).isEqualTo(InstallationRole.OWNER);

        // With a second owner, the first may step down, and then go.
        store.users.setInstallationRole(bob.id(), InstallationRole.OWNER);
        store.users.setInstallationRole(ann.id(), InstallationRole.USER);
        assertThat(store.users.delete(ann.id())).isTrue();
        assertThat(store.users.installationRoleOf(bob.id())).isEqualTo(InstallationRole.OWNER);
    }

    @Test
    void anUnknownPersonIsRefusedByField() {
        assertThatThrownBy(() -> store.users.setInstallationRole(UUID.randomUUID(), InstallationRole.ADMIN))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("userId"));
    }
}
