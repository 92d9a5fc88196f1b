package dev.oncall.api.ack;

import dev.oncall.core.outbound.OutboundTarget;
import dev.oncall.core.outbound.RefusedUrl;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.outbound.OutboundGuard;
import dev.oncall.store.outbound.OutboundHttp;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Rewrites the Slack page whose button was pressed, through the interaction's
 * {@code response_url}: the buttons go and the message says what was done and by whom, so
 * nobody else in the channel presses them again. Best effort and off the request thread (Slack
 * wants its answer within three seconds). The URL comes from the request, so it is held to two
 * rules: its host must be one of {@code oncall.notify.slack.response-url-hosts}, and, like every
 * user-chosen URL, it must pass the outbound rule (https to public addresses, or an allow-listed
 * network), checked again on the addresses actually connected to ({@link OutboundHttp}).
 */
@Component
class SlackMessageUpdates implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SlackMessageUpdates.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutboundGuard guard;
    private final OutboundHttp http;
    private final List<String> hosts;

    @Autowired
    SlackMessageUpdates(NotifyProperties notify, OutboundGuard guard) {
        this(notify.slack(), guard);
    }

    SlackMessageUpdates(NotifyProperties.Slack slack, OutboundGuard guard) {
        this.guard = guard;
        this.http = new OutboundHttp(guard, slack.timeout());
        this.hosts = slack.responseUrlHosts();
    }

    /**
     * Replaces the original message with {@code blocks} ({@code text} is the notification
     * fallback); false when the URL is not one to call.
     */
    boolean replace(String responseUrl, String text, JsonNode blocks) {
        Optional<String> refusal = refusal(responseUrl);
        if (refusal.isPresent()) {
            log.warn("not rewriting a Slack page through its response_url: {}", refusal.get());
            return false;
        }
        String message = JSON.writeValueAsString(Map.of("replace_original", true, "text", text, "blocks", blocks));
        Thread.ofVirtual().name("slack-response-url").start(() -> {
            try {
                OutboundHttp.Response answer = http.post(responseUrl, Map.of(), "application/json", message);
                if (answer.status() / 100 != 2) {
                    log.warn("the Slack page could not be rewritten: Slack answered {}", answer.status());
                }
            } catch (RefusedUrl | IOException | RuntimeException e) {
                log.warn("the Slack page could not be rewritten: {}", e.getMessage());
            }
        });
        return true;
    }

    private Optional<String> refusal(String url) {
        OutboundTarget target;
        try {
            target = guard.rule().target(url);
        } catch (RefusedUrl e) {
            return Optional.of("it " + e.getMessage());
        }
        return hosts.contains(target.host()) ? Optional.empty()
                : Optional.of("its host is not one of oncall.notify.slack.response-url-hosts " + hosts);
    }

    @Override
    public void close() {
        http.close();
    }
}
