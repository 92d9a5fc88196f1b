package dev.oncall.store.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.schedule.Layer;
import dev.oncall.core.schedule.Rotation;
import dev.oncall.core.team.Role;
import dev.oncall.core.team.Team;
import dev.oncall.core.user.User;
import dev.oncall.core.user.UserRef;
import dev.oncall.core.validation.FieldError;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.schedule.ScheduleInfo;
import dev.oncall.store.testing.StoreFixture;
import dev.oncall.store.testing.TestInfrastructure;
import dev.oncall.store.testing.WithInfrastructure;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Invalid configuration is refused with an error naming the field, and nothing is written. */
@ExtendWith(WithInfrastructure.class)
class ConfigurationValidationTest {
    private StoreFixture store;
    private Team team;
    private User alice;

    @BeforeEach
    void setUp(TestInfrastructure infra) {
        store = new StoreFixture(infra);
        alice = store.users.create("alice", "Alice", "alice@example.com", "Europe/London");
        team = store.teams.createWithAdmin("payments", "", alice.id());
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void unknownTimezoneIsRefusedForUsersAndSchedules() {
        assertThat(errors(() -> store.users.create("bob", "Bob", "bob@example.com", "Mars/Olympus_Mons")))
                .containsExactly(new FieldError("timezone",
                        "unknown time zone \"Mars/Olympus_Mons\": use an IANA time zone name such as Europe/London, "
                                + "America/New_York or UTC"));
        assertThat(errors(() -> store.schedules.create(team.id(), "primary", "", "Nowhere/Special")))
                .extracting(FieldError::field).containsExactly("timezone");
        assertThat(store.count("users")).isEqualTo(1);
        assertThat(store.count("schedules")).isZero();
    }

    @Test
    void emptyParticipantListIsRefused() {
        assertThat(errors(() -> Layer.of("primary", LocalDateTime.parse("2026-01-05T09:00"), Rotation.weekly(1), List.of())))
                .extracting(FieldError::field).containsExactly("participants");
    }

    @Test
    void participantsMustBeTeamMembersAndNothingIsWrittenOtherwise() {
        User outsider = store.users.create("olga", "Olga", "olga@example.com", "UTC");
        ScheduleInfo schedule = store.schedules.create(team.id(), "primary", "", "America/New_York");
        Layer layer = Layer.of("primary", LocalDateTime.parse("2026-01-05T09:00"), Rotation.weekly(1),
                List.of(UserRef.of(alice.id()), UserRef.of(outsider.id())));

        assertThat(errors(() -> store.layers.replaceAll(schedule.id(), schedule.version(), List.of(layer))))
                .extracting(FieldError::field).containsExactly("layers[0].participants[1]");
        assertThat(store.count("rotation_layers")).isZero();
        assertThat(store.schedules.find(schedule.id()).orElseThrow().version()).isEqualTo(schedule.version());
    }

    @Test
    void escalateAfterMustBeBetweenOneMinuteAndOneDay() {
        StepTarget target = new StepTarget(TargetType.USER, alice.id());
        assertThat(errors(() -> new EscalationStep(Duration.ofSeconds(59), List.of(target))))
                .containsExactly(new FieldError("escalateAfterSeconds", "must be between 60 seconds and 24 hours, got 59 s"));
        assertThat(errors(() -> new EscalationStep(Duration.ofSeconds(86_401), List.of(target))))
                .extracting(FieldError::field).containsExactly("escalateAfterSeconds");
        assertThat(new EscalationStep(Duration.ofSeconds(60), List.of(target)).escalateAfter()).hasSeconds(60);
    }

    @Test
    void duplicateTeamNameIsRefusedOnName() {
        assertThat(errors(() -> store.teams.create("payments", "again")))
                .containsExactly(new FieldError("name", "a team with this name already exists"));
        assertThat(store.count("teams")).isEqualTo(1);
    }

    @Test
    void overrideEndingBeforeItStartsIsRefusedAndTheVersionIsUntouched() {
        ScheduleInfo schedule = store.schedules.create(team.id(), "primary", "", "UTC");
        Instant start = Instant.parse("2026-01-07T18:00:00Z");

        assertThat(errors(() -> store.overrides.create(schedule.id(), alice.id(), start,
                start.minusSeconds(3600), Optional.empty())))
                .extracting(FieldError::field).containsExactly("end");
        assertThat(store.count("overrides")).isZero();
        assertThat(store.schedules.find(schedule.id()).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void aStaleScheduleWriteIsRefused() {
        ScheduleInfo schedule = store.schedules.create(team.id(), "primary", "", "UTC");
        store.schedules.update(schedule.id(), schedule.version(), "primary", "first edit", "UTC");

        assertThat(errors(() -> store.schedules.update(schedule.id(), schedule.version(), "primary", "second", "UTC")))
                .extracting(FieldError::field).containsExactly("version");
        assertThat(store.schedules.find(schedule.id()).orElseThrow().description()).isEqualTo("first edit");
    }

    @Test
    void policyTargetsMustBelongToTheTeam() {
        User outsider = store.users.create("olga", "Olga", "olga@example.com", "UTC");
        List<EscalationStep> steps = List.of(
                new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.USER, alice.id()))),
                new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.USER, outsider.id()))));

        assertThat(errors(() -> store.policies.create(team.id(), "default", "", 0, steps)))
                .extracting(FieldError::field).containsExactly("steps[1].targets[0].id");
        assertThat(store.count("escalation_policies")).isZero();
        assertThat(store.count("escalation_steps")).isZero();
    }

    @Test
    void theLastAdminCannotBeDemoted() {
        assertThat(errors(() -> store.teams.setRole(team.id(), alice.id(), Role.RESPONDER)))
                .extracting(FieldError::field).containsExactly("role");
        assertThat(store.teams.roleOf(team.id(), alice.id())).contains(Role.ADMIN);
    }

    private static List<FieldError> errors(Runnable action) {
        try {
            action.run();
        } catch (ValidationException e) {
            return e.errors();
        }
        throw new AssertionError("expected a ValidationException");
    }

}
