package dev.oncall.auditor.page;

import dev.oncall.core.validation.Codes;
import dev.oncall.store.outbound.OutboundHttp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fallback when the Events API is unreachable: a JSON POST to a directly configured URL
 * (a chat webhook, a second paging provider), so the one system that pages people is not the
 * only way to learn it is broken.
 */
public final class WebhookChannel implements PageChannel {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String url;
    private final OutboundHttp http;
    private final int attempts;

    public WebhookChannel(String url, Duration timeout, int attempts) {
        this.url = url;
        this.http = OutboundHttp.configured(timeout);
        this.attempts = attempts;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void send(PageEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", "oncall-audit-auditor");
        body.put("action", Codes.of(event.action()));
        body.put("dedup_key", event.dedupKey());
        body.put("kind", event.kind());
        body.put("region", event.region());
        body.put("text", (event.action() == PageEvent.Action.RESOLVE ? "RESOLVED: " : "") + event.summary());
        body.put("details", event.details());
        PageChannel.postJson(http, attempts, url, JSON.writeValueAsString(body),
                "fallback webhook " + url + " did not take the " + event.action());
    }
}
