package dev.oncall.api.ack;

import dev.oncall.core.notify.AckAction;
import dev.oncall.core.validation.FieldError;
import java.util.List;
import java.util.UUID;

/** What happened to one acknowledgement: acted on, already done, or refused with field errors. */
record AckResult(UUID incidentId, AckAction action, boolean changed, String title, List<FieldError> errors) {
    AckResult {
        errors = List.copyOf(errors);
    }

    static AckResult refused(String field, String message) {
        return new AckResult(null, null, false, "", List.of(new FieldError(field, message)));
    }

    boolean ok() {
        return errors.isEmpty();
    }

    /** "acknowledged" or "resolved". */
    String done() {
        return action == AckAction.ACKNOWLEDGE ? "acknowledged" : "resolved";
    }
}
