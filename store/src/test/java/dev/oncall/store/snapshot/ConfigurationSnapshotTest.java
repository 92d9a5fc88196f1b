package dev.oncall.store.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.escalation.EscalationPolicy;
import dev.oncall.core.escalation.EscalationStep;
import dev.oncall.core.escalation.StepTarget;
import dev.oncall.core.escalation.TargetType;
import dev.oncall.core.schedule.Override;
import dev.oncall.core.schedule.Schedule;
import dev.oncall.core.user.UserRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The snapshot's answers, without a database. */
class ConfigurationSnapshotTest {
    private static final Instant LOADED = Instant.parse("2025-03-01T10:00:00Z");
    private final UUID team = UUID.randomUUID();
    private final UUID alice = UUID.randomUUID();
    private final UUID schedule = UUID.randomUUID();
    private final UUID service = UUID.randomUUID();
    private final EscalationPolicy policy = new EscalationPolicy(UUID.randomUUID(), team, "default", "", 0, 1,
            List.of(new EscalationStep(Duration.ofMinutes(5), List.of(new StepTarget(TargetType.SCHEDULE, schedule)))));
    private final ConfigurationSnapshot snapshot = new ConfigurationSnapshot(7, LOADED, LOADED.plus(Duration.ofHours(6)),
            Map.of(policy.id(), policy), Map.of(service, policy.id()),
            Map.of(schedule, Schedule.of(ZoneId.of("Europe/London"), List.of(),
                    List.of(Override.of(UserRef.of(alice), LOADED.minusSeconds(60), LOADED.plus(Duration.ofHours(1)))),
                    List.of())),
            Map.of(), Map.of(), Map.of(), 4);

    @Test
    void aDeletedPolicyFallsBackToTheServicesCurrentOne() {
        assertThat(snapshot.policy(Optional.of(UUID.randomUUID()), service)).contains(policy);
        assertThat(snapshot.policy(Optional.empty(), UUID.randomUUID())).isEmpty();
    }

    @Test
    void onCallIsTheEnginesAnswerInsideTheWindowAndRefusedOutsideIt() {
        assertThat(snapshot.onCallAt(List.of(schedule), LOADED.plusSeconds(30)).get(schedule)).containsExactly(alice);
        assertThat(snapshot.onCallAt(List.of(schedule), LOADED.plus(Duration.ofHours(2))).get(schedule)).isEmpty();
        assertThat(snapshot.onCallAt(List.of(UUID.randomUUID()), LOADED).values()).containsExactly(List.of());
        assertThatThrownBy(() -> snapshot.onCallAt(List.of(schedule), LOADED.plus(Duration.ofHours(6))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> snapshot.onCallAt(List.of(schedule), LOADED.minusSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void everyAskedIdHasAnAnswerMaybeEmpty() {
        UUID nobody = UUID.randomUUID();
        assertThat(snapshot.members(List.of(team))).containsEntry(team, List.of());
        assertThat(snapshot.contactMethods(List.of(nobody))).containsEntry(nobody, List.of());
        assertThat(snapshot.rules(List.of(nobody))).containsEntry(nobody, List.of());
    }

    @Test
    void itsAgeIsNeverNegative() {
        assertThat(snapshot.age(LOADED.minusSeconds(5))).isZero();
        assertThat(snapshot.age(LOADED.plusSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }
}
