package dev.oncall.core.incident;

import static dev.oncall.core.incident.IncidentStatus.ACKNOWLEDGED;
import static dev.oncall.core.incident.IncidentStatus.RESOLVED;
import static dev.oncall.core.incident.IncidentStatus.TRIGGERED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every status under every command, written out: the table the store's status updates follow. */
class StatusTransitionTest {
    private static final StatusTransition UNCHANGED = new StatusTransition.Unchanged();

    private static final Map<StatusCommand, Map<IncidentStatus, StatusTransition>> TABLE = new EnumMap<>(Map.of(
            StatusCommand.ACKNOWLEDGE, row(moves(ACKNOWLEDGED), UNCHANGED,
                    refused("cannot acknowledge an incident that is resolved")),
            StatusCommand.RESOLVE, row(moves(RESOLVED), moves(RESOLVED), UNCHANGED),
            StatusCommand.PAGE, row(moves(TRIGGERED), refused("incident is acknowledged"), refused("incident is resolved")),
            StatusCommand.ESCALATE, row(moves(TRIGGERED), moves(TRIGGERED), refused("cannot escalate a resolved incident")),
            StatusCommand.RETRIGGER, row(refused("incident is triggered"), moves(TRIGGERED), refused("incident is resolved")),
            StatusCommand.REASSIGN, row(moves(TRIGGERED), moves(ACKNOWLEDGED), refused("cannot reassign a resolved incident"))));

    @Test
    void everyStatusUnderEveryCommandIsAsTheTableSays() {
        assertThat(TABLE.keySet()).containsExactlyInAnyOrder(StatusCommand.values());
        for (StatusCommand command : StatusCommand.values()) {
            for (IncidentStatus from : IncidentStatus.values()) {
                assertThat(from.transition(command)).as("%s of a %s incident", command, from)
                        .isEqualTo(TABLE.get(command).get(from));
            }
        }
    }

    @Test
    void acknowledgingAnAcknowledgedIncidentAndResolvingAResolvedOneAreNoErrors() {
        assertThat(ACKNOWLEDGED.transition(StatusCommand.ACKNOWLEDGE)).isInstanceOf(StatusTransition.Unchanged.class);
        assertThat(RESOLVED.transition(StatusCommand.RESOLVE)).isInstanceOf(StatusTransition.Unchanged.class);
    }

    @Test
    void aConditionalUpdateMatchesExactlyTheStatusesACommandMovesFrom() {
        assertThat(StatusCommand.ACKNOWLEDGE.movesFrom()).containsExactly(TRIGGERED);
        assertThat(StatusCommand.RESOLVE.movesFrom()).containsExactlyInAnyOrder(TRIGGERED, ACKNOWLEDGED);
        assertThat(StatusCommand.PAGE.movesFrom()).containsExactly(TRIGGERED);
        assertThat(StatusCommand.ESCALATE.movesFrom()).containsExactlyInAnyOrder(TRIGGERED, ACKNOWLEDGED);
        assertThat(StatusCommand.RETRIGGER.movesFrom()).containsExactly(ACKNOWLEDGED);
        assertThat(StatusCommand.REASSIGN.movesFrom()).containsExactlyInAnyOrder(TRIGGERED, ACKNOWLEDGED);
    }

    @Test
    void everyCommandButReassignMovesToOneStatus() {
        assertThat(StatusCommand.ACKNOWLEDGE.target()).contains(ACKNOWLEDGED);
        assertThat(StatusCommand.RESOLVE.target()).contains(RESOLVED);
        assertThat(StatusCommand.PAGE.target()).contains(TRIGGERED);
        assertThat(StatusCommand.ESCALATE.target()).contains(TRIGGERED);
        assertThat(StatusCommand.RETRIGGER.target()).contains(TRIGGERED);
        assertThat(StatusCommand.REASSIGN.target()).isEqualTo(Optional.empty());
    }

    @Test
    void nothingEverLeavesResolvedButResolveItself() {
        for (StatusCommand command : EnumSet.complementOf(EnumSet.of(StatusCommand.RESOLVE))) {
            assertThat(RESOLVED.transition(command)).isInstanceOf(StatusTransition.Refused.class);
        }
    }

    private static Map<IncidentStatus, StatusTransition> row(StatusTransition triggered, StatusTransition acknowledged,
                                                            StatusTransition resolved) {
        return new EnumMap<>(Map.of(TRIGGERED, triggered, ACKNOWLEDGED, acknowledged, RESOLVED, resolved));
    }

    private static StatusTransition moves(IncidentStatus to) {
        return new StatusTransition.Moves(to);
    }

    private static StatusTransition refused(String reason) {
        return new StatusTransition.Refused(reason);
    }
}
