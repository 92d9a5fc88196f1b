package dev.oncall.api.ack;

import dev.oncall.core.incident.Channel;
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
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
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
    private final SlackMessageUpdates updates;
    private final Clock clock;

    SlackController(Acknowledgements acknowledgements, NotifyProperties notify, SlackMessageUpdates updates,
                    Clock clock) {
        this.acknowledgements = acknowledgements;
        this.slack = notify.slack();
        this.updates = updates;
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
        Acknowledgements.Result result = acknowledgements.withToken(action.path("value").asString(""), Channel.SLACK, "value");
        if (!result.ok()) {
            return ResponseEntity.ok(Map.of("response_type", "ephemeral", "replace_original", false,
                    "text", "Not done: this button " + result.errors().getFirst().message() + "."));
        }
        if (result.changed() && payload.path("response_url").isString()) {
            String who = payload.path("user").path("id").isString()
                    ? "<@" + payload.path("user").path("id").asString() + ">" : "someone";
            String done = capitalized(result.done()) + " by " + who + " in Slack";
            updates.replace(payload.path("response_url").asString(), done + ": " + result.title(),
                    afterPress(payload.path("message").path("blocks"), action.path("block_id").asString(""), expected,
                            done));
        }
        return ResponseEntity.ok(Map.of("response_type", "ephemeral", "replace_original", false,
                "text", (result.changed() ? "Incident " : "Incident was already ") + result.done() + ": " + result.title()));
    }

    /**
     * The page as it should read now: its own blocks, where the pressed incident's buttons keep
     * only what still applies (after an acknowledgement Resolve stays; after a resolve none) and
     * are followed by a line saying what was done. A bundled page's other incidents are untouched.
     */
    static ArrayNode afterPress(JsonNode original, String pressedBlock, AckAction done, String line) {
        ArrayNode blocks = JSON.createArrayNode();
        boolean noted = false;
        for (JsonNode block : original.isArray() ? original : JSON.createArrayNode()) {
            if (!"actions".equals(block.path("type").asString("")) || !pressedBlock.equals(block.path("block_id").asString(""))) {
                blocks.add(block);
                continue;
            }
            ArrayNode kept = JSON.createArrayNode();
            for (JsonNode element : block.path("elements")) {
                if (done == AckAction.ACKNOWLEDGE && !element.path("action_id").asString("").equals(ACK_ACTION)) {
                    kept.add(element);
                }
            }
            if (!kept.isEmpty()) {
                ObjectNode copy = ((ObjectNode) block).deepCopy();
                copy.set("elements", kept);
                blocks.add(copy);
            }
            blocks.add(context(line));
            noted = true;
        }
        if (!noted) {
            blocks.add(context(line));
        }
        return blocks;
    }

    private static ObjectNode context(String line) {
        ObjectNode context = JSON.createObjectNode().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn").put("text", line);
        return context;
    }

    private static String capitalized(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
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
