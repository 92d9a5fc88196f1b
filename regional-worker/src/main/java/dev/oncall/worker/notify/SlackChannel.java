package dev.oncall.worker.notify;

import dev.oncall.core.notify.MessageText;
import dev.oncall.core.notify.SlackActions;
import dev.oncall.core.notify.PagedIncident;
import dev.oncall.core.outbound.RefusedUrl;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.outbound.OutboundHttp;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A direct message through Slack's {@code chat.postMessage}, with Acknowledge and Resolve
 * buttons (Block Kit) whose values are the signed tokens; Slack posts a press to graph-api's
 * interactivity endpoint, signed with the app's signing secret.
 */
final class SlackChannel implements Channel, AutoCloseable {
    static final String ACK_ACTION = SlackActions.ACKNOWLEDGE;
    static final String RESOLVE_ACTION = SlackActions.RESOLVE;
    /** Block Kit allows 50 blocks; each incident takes two, the header one. */
    static final int MAX_LISTED = 20;
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties.Slack settings;
    private final OutboundHttp http;

    SlackChannel(NotifyProperties.Slack settings) {
        this.settings = settings;
        this.http = OutboundHttp.configured(settings.timeout());
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.SLACK;
    }

    @Override
    public String provider() {
        return "slack";
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("channel", delivery.method().address());
        message.put("text", MessageText.emailSubject(delivery.message()));
        message.put("blocks", blocks(delivery));
        OutboundHttp.Response response;
        try {
            response = http.post(OutboundHttp.under(settings.baseUrl(), "/chat.postMessage"),
                    Map.of("Authorization", "Bearer " + settings.botToken()), "application/json; charset=utf-8",
                    JSON.writeValueAsString(message));
        } catch (RefusedUrl e) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, "slack base URL " + e.getMessage());
        } catch (IOException e) {
            throw DeliveryException.unanswered("slack", e);
        }
        if (DeliveryException.ofStatus(response.status()) == DeliveryException.Kind.TRANSIENT) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "slack answered " + response.status());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (RuntimeException e) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "slack answered " + response.status()
                    + " without JSON");
        }
        if (body.path("ok").asBoolean(false)) {
            return new Receipt(body.path("channel").asString("") + "/" + body.path("ts").asString(""));
        }
        String error = body.path("error").asString("unknown");
        throw new DeliveryException(TRANSIENT_ERRORS.contains(error)
                ? DeliveryException.Kind.TRANSIENT : DeliveryException.Kind.PERMANENT, "slack refused: " + error);
    }

    @Override
    public void close() {
        http.close();
    }

    private static List<Object> blocks(Delivery delivery) {
        List<Object> blocks = new ArrayList<>();
        blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text",
                "text", MessageText.cut(MessageText.headline(delivery.message()), 150))));
        delivery.noticeText().ifPresent(text -> blocks.add(Map.of("type", "section",
                "text", Map.of("type", "plain_text", "text", text))));
        List<PagedIncident> incidents = delivery.incidents();
        for (PagedIncident i : incidents.subList(0, Math.min(MAX_LISTED, incidents.size()))) {
            blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn",
                    "text", "*" + escape(i.service()) + "* (" + i.urgency().code() + "): " + escape(i.title()))));
            Delivery.Actions actions = delivery.actionsOf(i);
            List<Object> buttons = new ArrayList<>();
            actions.acknowledge().ifPresent(token -> buttons.add(button("Acknowledge", ACK_ACTION, token, "primary")));
            actions.resolve().ifPresent(token -> buttons.add(button("Resolve", RESOLVE_ACTION, token, "danger")));
            if (!buttons.isEmpty()) {
                blocks.add(Map.of("type", "actions", "block_id", "incident:" + i.incidentId(), "elements", buttons));
            }
        }
        if (incidents.size() > MAX_LISTED) {
            blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn",
                    "text", "and " + (incidents.size() - MAX_LISTED) + " more"))));
        }
        return blocks;
    }

    private static Map<String, Object> button(String label, String actionId, String token, String style) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("type", "button");
        b.put("text", Map.of("type", "plain_text", "text", label));
        b.put("action_id", actionId);
        b.put("value", token);
        b.put("style", style);
        return b;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
