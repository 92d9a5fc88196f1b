package dev.oncall.api.ack;

import dev.oncall.store.notify.Acknowledgements;
import dev.oncall.core.notify.AckAction;
import dev.oncall.core.notify.SlackActions;
import dev.oncall.core.notify.SlackSignature;
import dev.oncall.store.notify.NotifyProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Slack's interactivity callback: a press of a page's Acknowledge or Resolve button. The
 * request must be signed with the app's signing secret (v0) within the replay window; the
 * button's value is the signed, single-use token of the person the message was sent to.
 */
@RestController
class SlackController {
    static final String ACK_ACTION = SlackActions.ACKNOWLEDGE;
    static final String RESOLVE_ACTION = SlackActions.RESOLVE;
    private static final Logger log = LoggerFactory.getLogger(SlackController.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final Acknowledgements acknowledgements;
    private final NotifyProperties.Slack slack;
    private final Clock clock;

    SlackController(Acknowledgements acknowledgements, NotifyProperties notify, Clock clock) {
        this.acknowledgements = acknowledgements;
        this.slack = notify.slack();
        this.clock = clock;
    }

    @PostMapping(path = "/webhooks/slack/interactivity", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> interact(HttpServletRequest request) {
        byte[] raw = (byte[]) request.getAttribute(RawBodyFilter.ATTRIBUTE);
        String body = raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
        if (!SlackSignature.valid(slack.signingSecret(), request.getHeader("X-Slack-Request-Timestamp"), body,
                request.getHeader("X-Slack-Signature"), clock.instant(), slack.replayWindow())) {
            log.warn("refused a Slack interaction with a missing, wrong or stale signature");
            return ResponseEntity.status(401).body(Map.of("error", "invalid signature"));
        }
        JsonNode payload = payload(body);
        JsonNode action = payload.path("actions").path(0);
        String actionId = action.path("action_id").asString("");
        AckAction expected = switch (actionId) {
            case ACK_ACTION -> AckAction.ACKNOWLEDGE;
            case RESOLVE_ACTION -> AckAction.RESOLVE;
            default -> null;
        };
        if (!payload.path("type").asString("").equals("block_actions") || expected == null) {
            // Other interactions (shortcuts, other apps' buttons) are not ours to handle.
            return ResponseEntity.ok(Map.of());
        }
        Acknowledgements.Result result = acknowledgements.withToken(action.path("value").asString(""), "slack", "value");
        if (!result.ok()) {
            return ResponseEntity.ok(Map.of("response_type", "ephemeral", "replace_original", false,
                    "text", "Not done: this button " + result.errors().getFirst().message() + "."));
        }
        return ResponseEntity.ok(Map.of("response_type", "ephemeral", "replace_original", false,
                "text", (result.changed() ? "Incident " : "Incident was already ") + result.done() + ": " + result.title()));
    }

    private static JsonNode payload(String body) {
        for (String pair : body.split("&")) {
            if (pair.startsWith("payload=")) {
                try {
                    return JSON.readTree(URLDecoder.decode(pair.substring(8), StandardCharsets.UTF_8));
                } catch (RuntimeException e) {
                    return JSON.createObjectNode();
                }
            }
        }
        return JSON.createObjectNode();
    }
}
