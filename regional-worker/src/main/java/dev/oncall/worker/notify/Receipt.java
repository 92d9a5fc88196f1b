package dev.oncall.worker.notify;

import java.util.Objects;

/** The provider's acceptance of a message: its id there, which later status callbacks name. */
public record Receipt(String providerMessageId) {
    public Receipt {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
    }
}
