package dev.oncall.core.heartbeat;

import dev.oncall.core.validation.Codes;

/** Where a heartbeat monitor stands. */
public enum HeartbeatState {
    /** Never pinged: nothing is expected yet (a new monitor does not page before its first ping). */
    INACTIVE,
    /** The last ping came in time; the next one is due at {@code dueAt}. */
    HEALTHY,
    /** A ping is late: the service has an alert until pings resume. */
    OVERDUE;

    public String code() {
        return Codes.of(this);
    }

    public static HeartbeatState parse(String code) {
        return Codes.parse(HeartbeatState.class, code).orElseThrow(() -> new IllegalStateException("unknown stored HeartbeatState " + code));
    }
}
