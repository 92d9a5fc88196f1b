package dev.oncall.api.ack;

import dev.oncall.core.notify.AckAction;
import dev.oncall.core.validation.FieldError;
import java.util.List;
import java.util.UUID;

/**
 * What an acknowledgement path asks of the incident: acknowledge or resolve it as a person,
 * through a channel ({@code push}, {@code sms}, {@code voice}, {@code email}, {@code slack},
 * {@code webhook}) that the recorded event names.
 */
public interface IncidentActions {

    Outcome act(UUID incidentId, UUID userId, AckAction action, String channel);

    /**
     * @param changed false when the incident already was in that state (a second tap), which is no error
     * @param title   the incident's title, to confirm to the person what they acted on
     */
    record Outcome(boolean changed, String title, List<FieldError> errors) {
        public Outcome {
            errors = List.copyOf(errors);
        }

        public boolean ok() {
            return errors.isEmpty();
        }
    }
}
