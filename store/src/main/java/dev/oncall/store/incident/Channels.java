package dev.oncall.store.incident;

import dev.oncall.core.validation.ValidationException;
import java.util.Set;

/** The ways a command can reach us, recorded on every event it writes. */
public final class Channels {
    public static final String GRAPHQL = "graphql";
    public static final String EVENTS_V2 = "events_v2";
    public static final String ALERTMANAGER = "alertmanager";
    public static final String SYSTEM = "system";
    public static final Set<String> ALL = Set.of(GRAPHQL, "push", "sms", "voice", "email", "slack", "webhook",
            EVENTS_V2, ALERTMANAGER, SYSTEM);

    private Channels() {}

    static String check(String channel) {
        if (channel == null || !ALL.contains(channel)) {
            throw ValidationException.of("channel", "must be one of " + ALL + ", got " + channel);
        }
        return channel;
    }
}
