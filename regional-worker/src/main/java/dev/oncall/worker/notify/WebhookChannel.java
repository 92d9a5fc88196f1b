package dev.oncall.worker.notify;

import dev.oncall.core.notify.MessageText;
import dev.oncall.core.notify.PagedIncident;
import dev.oncall.core.notify.Verification;
import dev.oncall.core.notify.WebhookChallenge;
import dev.oncall.core.notify.WebhookSignature;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.outbound.RefusedUrl;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.notify.TeamWebhookSecrets;
import dev.oncall.store.outbound.OutboundGuard;
import dev.oncall.store.outbound.OutboundHttp;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON POST to the person's webhook URL, signed (see {@link WebhookSignature}) with the secrets
 * of the team whose message it is, and carrying the intent's idempotency key, so a receiver can
 * drop the rare duplicate a sender's death causes. The request goes through {@link OutboundHttp}:
 * a URL that is not https, or whose host now resolves inside a network, is refused without being
 * called, and not retried. A 410 Gone switches the contact method off. A verification is a
 * {@link WebhookChallenge} instead of a page, accepted only when the receiver echoes it.
 */
final class WebhookChannel implements Channel, AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final TeamWebhookSecrets secrets;
    private final ActionLinks links;
    private final Clock clock;
    private final OutboundHttp http;

    WebhookChannel(NotifyProperties.Webhook settings, OutboundGuard guard, TeamWebhookSecrets secrets,
                   ActionLinks links, Clock clock) {
        this.secrets = secrets;
        this.links = links;
        this.clock = clock;
        this.http = new OutboundHttp(guard, settings.timeout());
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.WEBHOOK;
    }

    @Override
    public String provider() {
        return "webhook";
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        Optional<Verification> verification = delivery.verification();
        String body = JSON.writeValueAsString(verification.isPresent()
                ? WebhookChallenge.body(delivery.messageId(), delivery.message().userId(), delivery.method().id(),
                        verification.get().secret())
                : body(delivery));
        Instant now = clock.instant();
        long timestamp = now.getEpochSecond();
        List<String> keys;
        try {
            keys = delivery.teamId().isPresent() ? secrets.signingSecrets(delivery.teamId(), now)
                    : secrets.personalSigningSecrets(delivery.message().userId(), now);
        } catch (TeamWebhookSecrets.Unreadable e) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, e.getMessage());
        }
        if (keys.isEmpty()) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, (delivery.teamId().isPresent()
                    ? "the team has" : "none of the person's teams has") + " a webhook signing secret "
                    + "(a team admin creates one with rotateWebhookSigningSecret)");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", "Oncall-Webhook/1");
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(keys, timestamp, body));
        headers.put(WebhookSignature.IDEMPOTENCY_HEADER, delivery.idempotencyKey());
        OutboundHttp.Response response;
        try {
            response = http.post(delivery.method().address(), headers, "application/json", body);
        } catch (RefusedUrl e) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, "webhook URL refused: " + e.getMessage());
        } catch (IOException e) {
            throw DeliveryException.unanswered("webhook", e);
        }
        int status = response.status();
        if (status / 100 == 2) {
            String id = response.header("X-Request-Id").orElse(delivery.messageId().toString());
            if (verification.isEmpty()) {
                return new Receipt(id);
            }
            if (!WebhookChallenge.answered(verification.get().secret(), echoed(response.body()))) {
                throw new DeliveryException(DeliveryException.Kind.PERMANENT, "webhook answered " + status
                        + " without echoing the challenge: the answer's body must be {\"challenge\": \"<the challenge>\"}");
            }
            return new Receipt(id, true);
        }
        String message = "webhook answered " + status;
        if (status == 410) {
            throw new DeliveryException(DeliveryException.Kind.UNREGISTERED, message);
        }
        throw new DeliveryException(DeliveryException.ofStatus(status), message);
    }

    @Override
    public void close() {
        http.close();
    }

    /** The {@code challenge} of a JSON answer, or null when the answer has none. */
    private static String echoed(String answer) {
        try {
            JsonNode echoed = JSON.readTree(answer == null || answer.isBlank() ? "{}" : answer).path(WebhookChallenge.FIELD);
            return echoed.isString() ? echoed.asString() : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Map<String, Object> body(Delivery delivery) {
        List<Map<String, Object>> incidents = new ArrayList<>();
        for (PagedIncident i : delivery.incidents()) {
            Map<String, Object> incident = new LinkedHashMap<>();
            incident.put("id", i.incidentId().toString());
            incident.put("title", i.title());
            incident.put("service", i.service());
            incident.put("urgency", i.urgency().code());
            Delivery.Actions actions = delivery.actionsOf(i);
            links.page(actions.acknowledge(), ContactMethodType.WEBHOOK)
                    .ifPresent(url -> incident.put("acknowledge_url", url));
            links.page(actions.resolve(), ContactMethodType.WEBHOOK).ifPresent(url -> incident.put("resolve_url", url));
            incidents.add(incident);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", delivery.page().isPresent() ? "oncall.page" : "oncall.notice");
        body.put("message_id", delivery.messageId().toString());
        body.put("idempotency_key", delivery.idempotencyKey());
        body.put("user_id", delivery.message().userId().toString());
        body.put("summary", MessageText.headline(delivery.message()));
        delivery.noticeText().ifPresent(text -> body.put("text", text));
        body.put("incidents", incidents);
        return body;
    }
}
