package dev.oncall.api.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.api.auth.ApiTokenRepository;
import dev.oncall.api.auth.ApiTokenRepository.StoredToken;
import dev.oncall.core.installation.InstallationRole;
import dev.oncall.core.service.IntegrationType;
import dev.oncall.core.service.Service;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.User;
import dev.oncall.store.demo.DemoNames;
import dev.oncall.store.testing.MutableClock;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The local run's demo data: made once, completed on older data, and its admin's token as given. */
@ExtendWith(WithInfrastructure.class)
class DemoDataTest {
    private static final String TOKEN_A = "oncall_" + "a".repeat(48);
    private static final String TOKEN_B = "oncall_" + "b".repeat(48);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T10:00:00Z"));
    private StoreFixture store;
    private ApiTokenRepository tokens;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        tokens = new ApiTokenRepository(store.tx);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private DemoData demo(String adminToken) {
        return new DemoData(clock, new DemoProperties(true, adminToken), store.teams, store.users, store.contacts,
                store.schedules, store.layers, store.policies, store.services, tokens);
    }

    private Team team() {
        return store.teams.list(Optional.empty(), 100).items().stream().filter(t -> t.name().equals(DemoNames.TEAM))
                .findFirst().orElseThrow();
    }

    private List<Service> services() {
        return store.services.listByTeam(team().id());
    }

    private Service service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aSecondStartChangesNothing() {
        demo("").seed();
        int users = store.count("users");
        int schedules = store.count("schedules");
        List<Service> first = services();

        demo("").seed();

        assertThat(store.count("users")).isEqualTo(users);
        assertThat(store.count("schedules")).isEqualTo(schedules);
        assertThat(services()).isEqualTo(first);
        assertThat(store.count("integration_keys")).isEqualTo(3);
    }

    @Test
    void theSelfMonitoringServicePagesTheDemoTeamThroughItsOwnEventsApiKey() {
        demo("").seed();

        Service self = service(DemoNames.SELF_MONITORING_SERVICE);
        Service demoService = service(DemoNames.SERVICE);
        assertThat(self.escalationPolicyId()).isEqualTo(demoService.escalationPolicyId());
        assertThat(store.services.keysOf(self.id())).singleElement()
                .satisfies(k -> assertThat(k.type()).isEqualTo(IntegrationType.EVENTS_V2));
        assertThat(store.services.keysOf(self.id()).getFirst().secret())
                .isNotIn(store.services.keysOf(demoService.id()).stream().map(k -> k.secret()).toList());
    }

    @Test
    void dataOfAnOlderVersionGetsTheSelfMonitoringService() {
        demo("").seed();
        // What an older version left: the demo team without the self-monitoring service.
        store.services.delete(service(DemoNames.SELF_MONITORING_SERVICE).id());

        demo("").seed();

        assertThat(store.services.keysOf(service(DemoNames.SELF_MONITORING_SERVICE).id()))
                .extracting(k -> k.type()).containsExactly(IntegrationType.EVENTS_V2);
        assertThat(services()).hasSize(2);
    }

    @Test
    void theDemoPeoplesSeededEmailsAreVerifiedSoTheDemoPagesVisibly() {
        demo("").seed();

        List<ContactMethod> seeded = seededEmails();
        assertThat(seeded).hasSize(2).allSatisfy(m -> assertThat(m.pageable()).isTrue());
    }

    @Test
    void seededEmailsLeftUnverifiedByAnOlderVersionAreVerifiedAndNothingElse() {
        demo("").seed();
        // What an older version left: contact methods were never verified then.
        store.jdbc.sql("UPDATE contact_methods SET verified = false").update();
        User alice = store.users.findByHandle("alice").orElseThrow();
        ContactMethod typedIn = store.contacts.addMethod(alice.id(), ContactMethodType.SMS, "phone", "+14155550111", 1);

        demo("").seed();

        assertThat(seededEmails()).hasSize(2).allSatisfy(m -> assertThat(m.verified()).isTrue());
        assertThat(store.contacts.findMethod(typedIn.id()).orElseThrow().verified()).isFalse();
    }

    private List<ContactMethod> seededEmails() {
        return store.teams.members(team().id()).stream()
                .flatMap(m -> store.contacts.methodsOf(m.userId()).stream())
                .filter(m -> m.type() == ContactMethodType.EMAIL).toList();
    }

    @Test
    void theGivenTokenIsTheAdminsAndReplacesThePreviousStartsToken() {
        demo(TOKEN_A).seed();
        StoredToken a = tokens.findBySecret(TOKEN_A).orElseThrow();
        assertThat(a.usableAt(clock.instant())).isTrue();
        assertThat(store.teams.roleOf(team().id(), a.userId().orElseThrow())).contains(Role.ADMIN);

        clock.advance(Duration.ofMinutes(1));
        demo(TOKEN_B).seed();

        assertThat(tokens.findBySecret(TOKEN_A).orElseThrow().usableAt(clock.instant())).isFalse();
        assertThat(tokens.findBySecret(TOKEN_B).orElseThrow().userId()).isEqualTo(a.userId());

        demo(TOKEN_B).seed();

        assertThat(tokens.personal(a.userId().orElseThrow())).filteredOn(t -> t.revokedAt().isEmpty())
                .singleElement().satisfies(t -> assertThat(t.name()).isEqualTo(DemoData.ADMIN_TOKEN_NAME));
    }

    @Test
    void theTokensHolderIsTheInstallationsOwnerSoTheBannersTokenCanDoEverything() {
        demo(TOKEN_A).seed();

        UUID alice = tokens.findBySecret(TOKEN_A).orElseThrow().userId().orElseThrow();
        assertThat(store.users.installationRoleOf(alice)).isEqualTo(InstallationRole.OWNER);
    }

    @Test
    void onAnInstallationWithAnOwnerTheDemoAdminIsAnInstallationAdminAndIsNeverLowered() {
        User owner = store.users.create("owner", "Owner", "owner@example.com", "UTC");
        store.users.setInstallationRole(owner.id(), InstallationRole.OWNER);

        demo(TOKEN_A).seed();
        UUID alice = tokens.findBySecret(TOKEN_A).orElseThrow().userId().orElseThrow();
        assertThat(store.users.installationRoleOf(alice)).isEqualTo(InstallationRole.ADMIN);

        store.users.setInstallationRole(alice, InstallationRole.OWNER);
        demo(TOKEN_B).seed();
        assertThat(store.users.installationRoleOf(alice)).isEqualTo(InstallationRole.OWNER);
    }

    @Test
    void aWeakTokenIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> demo("oncall_short").seed()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("oncall.demo.admin-token").hasMessageNotContaining("oncall_short");

        assertThat(store.count("teams")).isZero();
    }

    @Test
    void aTokenUsedBeforeIsRefused() {
        demo(TOKEN_A).seed();
        demo(TOKEN_B).seed();

        assertThatThrownBy(() -> demo(TOKEN_A).seed()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("used before");
        assertThat(tokens.findBySecret(TOKEN_B).orElseThrow().revokedAt()).isEmpty();
    }
}
