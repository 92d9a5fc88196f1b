package dev.oncall.worker.notify;

import dev.oncall.core.user.ContactMethodType;
import dev.oncall.store.notify.AckProperties;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** The acknowledge and resolve pages of graph-api that links in emails and webhooks point to. */
final class ActionLinks {
    private final AckProperties ack;

    ActionLinks(AckProperties ack) {
        this.ack = ack;
    }

    /**
     * The confirmation page for a token, saying which contact method the link was sent on (email or
     * a webhook), which the acknowledgement records as its channel; opening it changes nothing, its button does.
     */
    Optional<String> page(Optional<String> token, ContactMethodType via) {
        return token.map(t -> ack.url("/ack/link?via=" + via.code() + "&token=" + URLEncoder.encode(t, StandardCharsets.UTF_8)));
    }
}
