package dev.oncall.core.notify;

import java.util.UUID;

/**
 * What one message to one person carries: a page about incidents, a notice (a shift starting, a
 * test), or a verification code.
 */
public sealed interface Message permits Page, Notice, Verification {
    UUID userId();
}
