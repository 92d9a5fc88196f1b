package dev.oncall.store.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.schedule.StoredSchedule;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The all-or-nothing writes and checks the GraphQL API relies on. */
@ExtendWith(WithInfrastructure.class)
class ApiSupportTest {
    private StoreFixture store;
    private Team team;
    private User alice;
    private User bob;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        alice = store.users.create("alice", "Alice", "alice@example.com", "UTC");
        bob = store.users.create("bob", "Bob", "bob@example.com", "UTC");
        team = store.teams.createWithAdmin("payments", "", alice.id());
        store.teams.addMember(team.id(), bob.id(), Role.RESPONDER);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void aPersonCreatedInATeamIsAMemberAtOnce() {
        User carol = store.users.createInTeam(team.id(), Role.OBSERVER, "carol", "Carol", "carol@example.com", "UTC");

        assertThat(store.teams.roleOf(team.id(), carol.id())).contains(Role.OBSERVER);
    }

    @Test
    void aPersonForAnUnknownTeamIsNotCreated() {
        assertThatThrownBy(() -> store.users.createInTeam(UUID.randomUUID(), Role.OBSERVER, "carol", "Carol",
                "carol@example.com", "UTC"))
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("teamId"));
        assertThat(store.users.findByHandle("carol")).isEmpty();
    }

    @Test
    void aScheduleIsCreatedWithItsLayersAndOverridesOrNotAtAll() {
        Layer layer = Layer.of("primary", LocalDateTime.parse("2026-03-02T09:00"), Rotation.weekly(1),
                List.of(UserRef.of(alice.id()), UserRef.of(bob.id())));
        Override override = Override.of(UserRef.of(bob.id()), Instant.parse("2026-03-03T00:00:00Z"),
                Instant.parse("2026-03-04T00:00:00Z"));

        StoredSchedule created = store.schedules.create(team.id(), "primary", "", "UTC", List.of(layer),
                List.of(override), Optional.of(alice.id()));

        assertThat(created.layers()).extracting(l -> l.layer()).containsExactly(layer);
        assertThat(store.layers.scheduleOf(created.layers().get(0).id())).contains(created.info().id());
        assertThat(store.layers.scheduleOf(UUID.randomUUID())).isEmpty();
        assertThat(created.overrides()).hasSize(1);
        Layer stranger = Layer.of("other", LocalDateTime.parse("2026-03-02T09:00"), Rotation.weekly(1),
                List.of(UserRef.of(UUID.randomUUID())));
        assertThatThrownBy(() -> store.schedules.create(team.id(), "secondary", "", "UTC", List.of(layer, stranger),
                List.of(), Optional.empty()))
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("layers[1].participants[0]"));
        assertThat(store.count("schedules")).isEqualTo(1);
    }

    @Test
    void onlySomeoneOnCallThroughARotationCanAskForCover() {
        StoredSchedule schedule = store.schedules.create(team.id(), "primary", "", "UTC", List.of(
                Layer.of("primary", LocalDateTime.parse("2026-03-02T09:00"), Rotation.weekly(1),
                        List.of(UserRef.of(alice.id())))), List.of(), Optional.empty());
        Instant start = Instant.parse("2026-03-03T09:00:00Z");

        assertThatThrownBy(() -> store.coverRequests.request(schedule.info().id(), bob.id(), start,
                start.plusSeconds(3600), ""))
                .isInstanceOfSatisfying(ValidationException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("start"));
        assertThat(store.count("coverage_requests")).isZero();
        assertThat(store.coverRequests.request(schedule.info().id(), alice.id(), start, start.plusSeconds(3600), "")
                .requester()).isEqualTo(alice.id());
    }
}
