package dev.oncall.worker.notify;

import java.util.Objects;

/**
 * The provider's acceptance of a message: its id there, which later status callbacks name.
 *
 * @param challengeAnswered the receiver echoed the verification challenge the message carried
 *                          (webhooks only), which proves the address on the spot
 */
public record Receipt(String providerMessageId, boolean challengeAnswered) {
    public Receipt {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
    }

    public Receipt(String providerMessageId) {
        this(providerMessageId, false);
    }
}
