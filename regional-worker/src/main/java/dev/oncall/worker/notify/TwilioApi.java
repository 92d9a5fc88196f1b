package dev.oncall.worker.notify;

import dev.oncall.store.notify.AckProperties;
import dev.oncall.store.notify.NotifyProperties;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Twilio's REST API (2010-04-01): creating messages and calls, with basic authentication as
 * the account. The base URL is configurable, so tests and regional edges point it elsewhere.
 */
final class TwilioApi {
    /** Twilio error codes that mean the number cannot be reached this way, whatever we retry. */
    private static final Set<Integer> PERMANENT_CODES = Set.of(21211, 21214, 21217, 21219, 21408, 21610, 21612, 21614,
            13224, 13225);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NotifyProperties.Twilio settings;
    private final AckProperties ack;
    private final HttpClient http;

    TwilioApi(NotifyProperties.Twilio settings, AckProperties ack) {
        this.settings = settings;
        this.ack = ack;
        this.http = HttpSupport.client(settings.timeout());
    }

    /** POSTs to {@code Messages.json} or {@code Calls.json}; returns the new resource's sid. */
    String create(String resource, Map<String, String> fields) throws DeliveryException {
        Map<String, List<String>> form = new LinkedHashMap<>();
        fields.forEach((k, v) -> form.put(k, List.of(v)));
        form.put("From", List.of(settings.fromNumber()));
        if (settings.statusCallback()) {
            form.put("StatusCallback", List.of(ack.url("/webhooks/twilio/status")));
        }
        String auth = Base64.getEncoder().encodeToString(
                (settings.accountSid() + ":" + settings.authToken()).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(HttpSupport.uri(settings.baseUrl(),
                        "/2010-04-01/Accounts/" + settings.accountSid() + "/" + resource))
                .timeout(settings.timeout())
                .header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(HttpSupport.form(form)))
                .build();
        HttpResponse<String> response = HttpSupport.send(http, request, "twilio");
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            String sid = body.path("sid").asString("");
            if (sid.isEmpty()) {
                throw new DeliveryException(DeliveryException.Kind.TRANSIENT, "twilio accepted without a sid");
            }
            return sid;
        }
        int code = body.path("code").asInt(0);
        String message = "twilio answered " + status + (code == 0 ? "" : " (error " + code + ")") + ": "
                + body.path("message").asString("");
        if (HttpSupport.retryable(status)) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, message);
        }
        throw new DeliveryException(PERMANENT_CODES.contains(code) || status / 100 == 4
                ? DeliveryException.Kind.PERMANENT : DeliveryException.Kind.TRANSIENT, message);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }
}
