package dev.oncall.core.incident;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/**
 * Everything recorded on an incident's log ({@code incident_events.kind}): the one list every
 * writer and reader of the log uses. The database refuses any other code (a CHECK constraint,
 * migration V50) and the GraphQL enum {@code IncidentEventKind} names the same kinds, so a kind
 * added here must be added there too (tests compare them). What each kind's {@code data} holds
 * is documented in docs/api.md.
 *
 * <p>A reader may still meet a code it does not know: during a rolling upgrade a newer version
 * writes kinds that an older one, still serving, has never heard of. {@link #parse} answers empty
 * then, and readers pass such events on as unknown rather than failing.
 */
public enum IncidentEventKind {
    /** An alert opened the incident. */
    TRIGGERED,
    /** An alert with the dedup key of an open one arrived again and was counted on it. */
    DEDUPLICATED,
    /** A step of the escalation policy paged its people. */
    STEP_FIRED,
    /** A notification to one person on one contact method was decided (one per method of each person paged). */
    INTENT_CREATED,
    ACKNOWLEDGED,
    RESOLVED,
    /** Someone paged the next step by hand. */
    ESCALATED,
    /** Someone made other people the incident's assignees and paged them. */
    REASSIGNED,
    NOTE,
    /** Every step and repeat passed unanswered: the whole team was paged. */
    EXHAUSTED,
    /** An acknowledgement timed out and escalation started again. */
    RETRIGGERED,
    /** A provider accepted a notification. */
    NOTIFICATION_SENT,
    /** A notification could not be sent, or its provider later reported it undelivered. */
    NOTIFICATION_FAILED,
    /** The provider reported a sent notification delivered. */
    NOTIFICATION_DELIVERED,
    /** A new alert joined the open incident of its group (the service groups alerts): nobody is paged again. */
    ALERT_JOINED,
    /** One of the incident's alerts was resolved by its monitoring tool while the incident stays open. */
    ALERT_RESOLVED;

    public String code() {
        return Codes.of(this);
    }

    /** The kind stored as {@code code}; empty for a code this version does not know. */
    public static Optional<IncidentEventKind> parse(String code) {
        return Codes.parse(IncidentEventKind.class, code);
    }
}
