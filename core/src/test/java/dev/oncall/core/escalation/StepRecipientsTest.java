package dev.oncall.core.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.oncall.core.team.Member;
import dev.oncall.core.team.Role;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StepRecipientsTest {
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID PRIMARY = UUID.randomUUID();
    private static final UUID SECONDARY = UUID.randomUUID();
    private final UUID alice = UUID.randomUUID();
    private final UUID bob = UUID.randomUUID();
    private final UUID carol = UUID.randomUUID();
    private final UUID olga = UUID.randomUUID();

    private Map<UUID, List<Member>> crew() {
        return Map.of(TEAM, List.of(new Member(TEAM, alice, Role.ADMIN), new Member(TEAM, olga, Role.OBSERVER),
                new Member(TEAM, bob, Role.RESPONDER), new Member(TEAM, carol, Role.MANAGER)));
    }

    @Test
    void aTeamTargetPagesEveryMemberButTheObservers() {
        StepRecipients r = StepRecipients.resolve(List.of(team()), Map.of(), crew());

        assertThat(r.users()).containsExactly(alice, bob, carol);
        assertThat(r.targets().getFirst().users()).containsExactly(alice, bob, carol);
    }

    @Test
    void anObserverNamedAsAUserIsPaged() {
        StepRecipients r = StepRecipients.resolve(List.of(team(), user(olga)), Map.of(), crew());

        assertThat(r.users()).containsExactly(alice, bob, carol, olga);
    }

    @Test
    void aPersonNamedByTwoTargetsIsPagedOnceWhereTheFirstNamesThem() {
        StepRecipients r = StepRecipients.resolve(List.of(schedule(PRIMARY), user(carol), schedule(SECONDARY), team()),
                Map.of(PRIMARY, List.of(bob), SECONDARY, List.of(carol, bob)), crew());

        assertThat(r.users()).containsExactly(bob, carol, alice);
        assertThat(r.targets()).extracting(StepRecipients.Resolved::users).containsExactly(
                List.of(bob), List.of(carol), List.of(carol, bob), List.of(alice, bob, carol));
    }

    @Test
    void aScheduleInAGapPagesNobody() {
        StepRecipients r = StepRecipients.resolve(List.of(schedule(PRIMARY)), Map.of(PRIMARY, List.of()), Map.of());

        assertThat(r.users()).isEmpty();
        assertThat(r.targets()).hasSize(1);
    }

    @Test
    void aMissingAnswerIsTheCallersBugNotAnEmptyPage() {
        assertThatThrownBy(() -> StepRecipients.resolve(List.of(schedule(PRIMARY)), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(PRIMARY.toString());
        assertThatThrownBy(() -> StepRecipients.resolve(List.of(team()), Map.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TEAM.toString());
    }

    @Test
    void namesTheSchedulesAndTeamsItNeedsAnswersFor() {
        List<StepTarget> targets = List.of(schedule(SECONDARY), user(alice), team(), schedule(PRIMARY));

        assertThat(StepRecipients.schedules(targets)).containsExactly(SECONDARY, PRIMARY);
        assertThat(StepRecipients.teams(targets)).containsExactly(TEAM);
    }

    private static StepTarget team() {
        return new StepTarget(TargetType.TEAM, TEAM);
    }

    private static StepTarget user(UUID id) {
        return new StepTarget(TargetType.USER, id);
    }

    private static StepTarget schedule(UUID id) {
        return new StepTarget(TargetType.SCHEDULE, id);
    }
}
