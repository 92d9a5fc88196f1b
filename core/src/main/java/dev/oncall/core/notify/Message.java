package dev.oncall.core.notify;

import java.util.UUID;

/** What one message to one person carries: a page about incidents, or a notice (a shift starting). */
public sealed interface Message permits Page, Notice {
    UUID userId();
}
