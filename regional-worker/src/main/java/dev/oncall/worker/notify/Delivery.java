package dev.oncall.worker.notify;

import dev.oncall.core.notify.Message;
import dev.oncall.core.notify.MessageText;
import dev.oncall.core.notify.Page;
import dev.oncall.core.notify.PagedIncident;
import dev.oncall.core.notify.Verification;
import dev.oncall.core.user.ContactMethod;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One message to send: a page (or a notice, or a verification code), where to, and for each paged incident the signed
 * tokens its acknowledge and resolve actions carry (empty when the deployment has no signing key).
 *
 * @param messageId      our id of this message; several intents share it when bundled
 * @param idempotencyKey the intent's key (the first one's, for a bundle), passed on where a provider accepts one
 * @param teamId         the team whose message it is (the paged incidents', the schedule's), whose
 *                       secret signs a webhook; empty for a message of no team
 */
public record Delivery(UUID messageId, String idempotencyKey, Message message, ContactMethod method,
                       Map<UUID, Actions> actions, Optional<UUID> teamId) {
    public Delivery {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(teamId, "teamId");
        actions = Map.copyOf(actions);
    }

    /** A message of no team. */
    public Delivery(UUID messageId, String idempotencyKey, Message message, ContactMethod method,
                    Map<UUID, Actions> actions) {
        this(messageId, idempotencyKey, message, method, actions, Optional.empty());
    }

    /** The signed tokens of one incident's actions. */
    public record Actions(Optional<String> acknowledge, Optional<String> resolve) {
        public static final Actions NONE = new Actions(Optional.empty(), Optional.empty());
    }

    /** The page this delivery carries, or empty for a notice. */
    public Optional<Page> page() {
        return message instanceof Page p ? Optional.of(p) : Optional.empty();
    }

    /** The incidents paged, in order; none for a notice. */
    public java.util.List<PagedIncident> incidents() {
        return page().map(Page::incidents).orElse(java.util.List.of());
    }

    /**
     * The body of a message that is not a page: a notice's text, or a verification's code in a
     * sentence (so channels with a body show the code there and never in a headline); empty for a page.
     */
    public Optional<String> noticeText() {
        return MessageText.text(message);
    }

    /** The verification this delivery carries, or empty. */
    public Optional<Verification> verification() {
        return message instanceof Verification v ? Optional.of(v) : Optional.empty();
    }

    public Actions actionsOf(PagedIncident incident) {
        return actions.getOrDefault(incident.incidentId(), Actions.NONE);
    }
}
