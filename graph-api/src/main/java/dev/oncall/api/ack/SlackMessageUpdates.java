package dev.oncall.api.ack;

import dev.oncall.store.notify.NotifyProperties;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Rewrites the Slack page whose button was pressed, through the interaction's
 * {@code response_url}: the buttons go and the message says what was done and by whom, so
 * nobody else in the channel presses them again. Best effort and off the request thread (Slack
 * wants its answer within three seconds); only hosts in
 * {@code oncall.notify.slack.response-url-hosts} are called, whatever the payload says.
 */
@Component
class SlackMessageUpdates {
    private static final Logger log = LoggerFactory.getLogger(SlackMessageUpdates.class);

    private final RestClient http;
    private final List<String> hosts;

    @Autowired
    SlackMessageUpdates(NotifyProperties notify) {
        this(notify.slack());
    }

    SlackMessageUpdates(NotifyProperties.Slack slack) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(slack.timeout()).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(client);
        factory.setReadTimeout(slack.timeout());
        this.http = RestClient.builder().requestFactory(factory).build();
        this.hosts = slack.responseUrlHosts();
    }

    /**
     * Replaces the original message with {@code blocks} ({@code text} is the notification
     * fallback); false when the URL is not one to call.
     */
    boolean replace(String responseUrl, String text, JsonNode blocks) {
        Optional<URI> target = allowed(responseUrl);
        if (target.isEmpty()) {
            log.warn("not rewriting a Slack page through a response_url outside {}", hosts);
            return false;
        }
        Map<String, Object> message = Map.of("replace_original", true, "text", text, "blocks", blocks);
        Thread.ofVirtual().name("slack-response-url").start(() -> {
            try {
                http.post().uri(target.get()).contentType(MediaType.APPLICATION_JSON).body(message)
                        .retrieve().toBodilessEntity();
            } catch (RuntimeException e) {
                log.warn("the Slack page could not be rewritten: {}", e.toString());
            }
        });
        return true;
    }

    private Optional<URI> allowed(String url) {
        try {
            URI uri = URI.create(url);
            boolean web = "https".equals(uri.getScheme()) || "http".equals(uri.getScheme());
            return web && uri.getHost() != null && hosts.contains(uri.getHost()) ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
