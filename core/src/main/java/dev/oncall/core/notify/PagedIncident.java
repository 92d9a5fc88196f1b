package dev.oncall.core.notify;

import dev.oncall.core.user.Urgency;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * One incident as a notification shows it.
 *
 * @param replyCode the short number the person answers an SMS with, when one was assigned
 */
public record PagedIncident(UUID incidentId, String title, String service, Urgency urgency, OptionalInt replyCode) {
    public PagedIncident {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(replyCode, "replyCode");
    }

    public PagedIncident withReplyCode(int code) {
        return new PagedIncident(incidentId, title, service, urgency, OptionalInt.of(code));
    }
}
