package dev.oncall.core.incident;

import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.validation.Codes;
import java.util.Optional;

/**
 * How something that happened to an incident reached us or went out ({@code incident_events.channel}):
 * the API or a monitoring tool a command came through, the contact method a notification went
 * out on or an acknowledgement came back through, or Oncall itself. One list for every writer
 * and reader of the log, checked by the database (migration V50) and named alike by the GraphQL
 * enum {@code Channel}.
 */
public enum Channel {
    GRAPHQL,
    PUSH,
    SMS,
    VOICE,
    EMAIL,
    SLACK,
    WEBHOOK,
    /** The PagerDuty-compatible Events API v2. */
    EVENTS_V2,
    /** Prometheus Alertmanager's webhook. */
    ALERTMANAGER,
    /** Oncall on its own: the escalation engine, a timeout, a heartbeat monitor. */
    SYSTEM;

    public String code() {
        return Codes.of(this);
    }

    /** The channel stored as {@code code}; empty for a code this version does not know (a newer one wrote it). */
    public static Optional<Channel> parse(String code) {
        return Codes.parse(Channel.class, code);
    }

    /** The channel of a contact method: where a page to it went, and an answer from it came from. */
    public static Channel of(ContactMethodType type) {
        return switch (type) {
            case PUSH -> PUSH;
            case SMS -> SMS;
            case VOICE -> VOICE;
            case EMAIL -> EMAIL;
            case SLACK -> SLACK;
            case WEBHOOK -> WEBHOOK;
        };
    }
}
