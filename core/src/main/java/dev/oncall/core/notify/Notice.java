package dev.oncall.core.notify;

import java.util.Objects;
import java.util.UUID;

/** A message about no incident, e.g. "your on-call shift starts": informs, asks nothing back. */
public record Notice(UUID userId, String subject, String text) implements Message {
    public Notice {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
    }

    /** The notice that a person's on-call shift on a schedule starts or ends. */
    public static Notice handoff(UUID userId, String schedule, boolean starts) {
        String subject = starts ? "On call for " + schedule + " now" : "Off call for " + schedule;
        String text = starts ? "Your on-call shift for " + schedule + " starts now."
                : "Your on-call shift for " + schedule + " has ended.";
        return new Notice(userId, subject, text);
    }

    /** The message a person sends themselves to check that a contact method reaches them. */
    public static Notice test(UUID userId) {
        return new Notice(userId, "Test notification",
                "This is a test notification from Oncall. Pages will reach you here.");
    }
}
