package dev.oncall.auditor.page;

import dev.oncall.core.validation.Codes;
import dev.oncall.store.outbound.OutboundHttp;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pages through a PagerDuty Events API v2 endpoint: Oncall's own {@code /v2/enqueue} in
 * another region or installation, or PagerDuty itself. The routing key names the
 * self-monitoring service; the episode's dedup key makes a repeated trigger fold into the
 * open alert and lets the resolve close it.
 */
public final class EventsApiChannel implements PageChannel {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String url;
    private final String routingKey;
    private final OutboundHttp http;
    private final int attempts;

    public EventsApiChannel(String url, String routingKey, Duration timeout, int attempts) {
        this.url = url;
        this.routingKey = routingKey;
        this.http = OutboundHttp.configured(timeout);
        this.attempts = attempts;
    }

    @Override
    public String name() {
        return "events_api";
    }

    @Override
    public void send(PageEvent event) {
        PageChannel.postJson(http, attempts, url, JSON.writeValueAsString(body(event)),
                "Events API at " + url + " did not take the " + event.action());
    }

    Map<String, Object> body(PageEvent event) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("routing_key", routingKey);
        body.put("event_action", Codes.of(event.action()));
        body.put("dedup_key", event.dedupKey());
        if (event.action() == PageEvent.Action.TRIGGER) {
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("summary", event.summary());
            payload.put("source", "oncall-audit-auditor/" + event.region());
            payload.put("severity", "critical");
            payload.put("component", "oncall");
            payload.put("group", event.region());
            payload.put("class", event.kind());
            payload.put("custom_details", event.details());
            body.put("payload", payload);
            body.put("client", "Oncall audit-auditor");
        }
        return body;
    }
}
