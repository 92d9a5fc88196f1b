package dev.oncall.store.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.core.user.ContactMethod;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.user.Urgency;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A contact method nobody verified is never paged, whatever the person's rules say, and a person
 * left with no verified method is named on the step's event as unreachable.
 */
class UnverifiedMethodsTest extends IncidentTestBase {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void anUnverifiedMethodIsNeverPagedEvenWithARuleForIt() {
        UUID onCall = scenario.users.getFirst();
        ContactMethod typedIn = store.contacts.addMethod(onCall, ContactMethodType.VOICE, "someone's phone",
                "+14155550199", 2);
        store.contacts.addRule(onCall, typedIn.id(), Duration.ZERO, Urgency.HIGH);

        UUID incident = trigger(scenario.service, "disk").incidentId().orElseThrow();
        fireDue();

        assertThat(channelsPaged(incident, onCall)).containsExactlyInAnyOrder("push", "sms");
        assertThat(count("SELECT count(*) FROM notification_attempts WHERE contact_method_id = ?", typedIn.id()))
                .isZero();
    }

    @Test
    void someoneWithNoVerifiedMethodIsPagedOnNothingAndNamedUnreachable() {
        UUID onCall = scenario.users.getFirst();
        // A new address is unproven: both methods lose their verification.
        for (ContactMethod m : scenario.methods.stream().filter(m -> m.userId().equals(onCall)).toList()) {
            store.contacts.updateMethod(m.id(), m.label(), m.type() == ContactMethodType.PUSH ? "other-device"
                    : "+14155550198", m.priority());
        }

        UUID incident = trigger(scenario.service, "disk").incidentId().orElseThrow();
        fireDue();

        assertThat(channelsPaged(incident, onCall)).isEmpty();
        IncidentEvent fired = reads.events(incident, 0, 1000).stream().filter(e -> e.code().equals("step_fired"))
                .findFirst().orElseThrow();
        JsonNode data = JSON.readTree(fired.dataJson());
        assertThat(data.get("users").valueStream().map(JsonNode::asString)).containsExactly(onCall.toString());
        assertThat(data.get("unreachable").valueStream().map(JsonNode::asString)).containsExactly(onCall.toString());
    }

    @Test
    void aStepReachingEveryoneSaysNothingAboutUnreachablePeople() {
        UUID incident = trigger(scenario.service, "disk").incidentId().orElseThrow();
        fireDue();

        IncidentEvent fired = reads.events(incident, 0, 1000).stream().filter(e -> e.code().equals("step_fired"))
                .findFirst().orElseThrow();
        assertThat(JSON.readTree(fired.dataJson()).has("unreachable")).isFalse();
    }

    private List<String> channelsPaged(UUID incident, UUID user) {
        return store.jdbc.sql("SELECT channel FROM notification_attempts WHERE incident_id = :i AND user_id = :u")
                .param("i", incident).param("u", user).query(String.class).list();
    }
}
