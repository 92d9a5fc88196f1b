package dev.oncall.core.notify;

import java.util.Objects;
import java.util.UUID;

/**
 * A message proving a contact method reaches its person: the code they type back into Oncall,
 * or, to a webhook, the challenge the receiver must echo. The secret is never part of
 * {@link #toString()}, so a message logged by mistake does not give it away.
 *
 * @param secret the code (six digits) or the webhook challenge
 */
public record Verification(UUID userId, String secret) implements Message {
    public Verification {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
        return "Verification[userId=" + userId + ", secret=(not shown)]";
    }
}
