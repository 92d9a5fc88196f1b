package dev.oncall.core.escalation;

import dev.oncall.core.validation.Codes;

/**
 * What an escalation timer does when it comes due; the code is the {@code escalation_timers.kind}
 * column's value ({@code step}, {@code ack_timeout}).
 */
public enum TimerKind {
    /** Page the timer's step of its loop. */
    STEP,
    /** Trigger the incident again if it is still acknowledged. */
    ACK_TIMEOUT;

    public String code() {
        return Codes.of(this);
    }

    /** The kind stored as {@code code}; the column's check constraint allows no other value. */
    public static TimerKind of(String code) {
        return Codes.parse(TimerKind.class, code)
                .orElseThrow(() -> new IllegalArgumentException("unknown timer kind: " + code));
    }
}
