package dev.oncall.worker.notify;

import dev.oncall.core.notify.MessageText;
import dev.oncall.core.notify.PagedIncident;
import dev.oncall.core.notify.Verification;
import dev.oncall.core.notify.WebhookChallenge;
import dev.oncall.core.notify.WebhookSignature;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.store.notify.NotifyProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON POST to the person's webhook URL, signed (see {@link WebhookSignature}) and carrying
 * the intent's idempotency key, so a receiver can drop the rare duplicate a sender's death
 * causes. A 410 Gone switches the contact method off. A verification is a {@link WebhookChallenge}
 * instead of a page, accepted only when the receiver echoes it.
 */
final class WebhookChannel implements Channel {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final NotifyProperties.Webhook settings;
    private final ActionLinks links;
    private final Clock clock;
    private final HttpClient http;

    WebhookChannel(NotifyProperties.Webhook settings, ActionLinks links, Clock clock) {
        this.settings = settings;
        this.links = links;
        this.clock = clock;
        this.http = HttpSupport.client(settings.timeout());
    }

    @Override
    public String type() {
        return "webhook";
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
        long timestamp = clock.instant().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.method().address()))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "Oncall-Webhook/1")
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(settings.signingSecret(), timestamp, body))
                .header(WebhookSignature.IDEMPOTENCY_HEADER, delivery.idempotencyKey())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = HttpSupport.send(http, request, "webhook");
        int status = response.statusCode();
        if (status / 100 == 2) {
            String id = response.headers().firstValue("X-Request-Id").orElse(delivery.messageId().toString());
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
        throw new DeliveryException(HttpSupport.retryable(status)
                ? DeliveryException.Kind.TRANSIENT : DeliveryException.Kind.PERMANENT, message);
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
