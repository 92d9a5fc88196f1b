package dev.oncall.core.notify;

import dev.oncall.core.validation.Codes;
import java.util.Optional;

/**
 * Messages sent to one contact method outside paging: graph-api asks for them, a worker sends
 * them through the method's channel like a page, and both read their record.
 */
public enum ContactMessageKind {
    /** A code (or, to a webhook, a challenge) proving the address reaches the person. */
    VERIFICATION,
    /** "This is a test": a person checking their set-up, sent only to a verified method. */
    TEST;

    public String code() {
        return Codes.of(this);
    }

    public static Optional<ContactMessageKind> parse(String code) {
        return Codes.parse(ContactMessageKind.class, code);
    }
}
