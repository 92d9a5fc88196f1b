package dev.oncall.core.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.incident.Dedup.Outcome;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class DedupTest {
    @Test
    void triggerOnAnOpenAlertDeduplicatesAndOtherwiseCreates() {
        assertThat(Dedup.decide(AlertAction.TRIGGER, Optional.empty())).isEqualTo(Outcome.CREATE);
        assertThat(Dedup.decide(AlertAction.TRIGGER, Optional.of(IncidentStatus.TRIGGERED))).isEqualTo(Outcome.DEDUPLICATE);
        assertThat(Dedup.decide(AlertAction.TRIGGER, Optional.of(IncidentStatus.ACKNOWLEDGED))).isEqualTo(Outcome.DEDUPLICATE);
    }

    @Test
    void acknowledgeActsOnlyOnATriggeredAlert() {
        assertThat(Dedup.decide(AlertAction.ACKNOWLEDGE, Optional.of(IncidentStatus.TRIGGERED))).isEqualTo(Outcome.ACKNOWLEDGE);
        assertThat(Dedup.decide(AlertAction.ACKNOWLEDGE, Optional.of(IncidentStatus.ACKNOWLEDGED))).isEqualTo(Outcome.IGNORE);
        assertThat(Dedup.decide(AlertAction.RESOLVE, Optional.of(IncidentStatus.ACKNOWLEDGED))).isEqualTo(Outcome.RESOLVE);
    }

    @Property
    void acknowledgeAndResolveNeverCreate(@ForAll AlertAction action, @ForAll Optional<IncidentStatus> open) {
        Optional<IncidentStatus> openAlert = open.filter(s -> s != IncidentStatus.RESOLVED);
        Outcome outcome = Dedup.decide(action, openAlert);
        assertThat(outcome == Outcome.CREATE).isEqualTo(action == AlertAction.TRIGGER && openAlert.isEmpty());
    }
}
