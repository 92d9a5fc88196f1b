package dev.oncall.worker.notify;

import dev.oncall.store.notify.AckProperties;
import dev.oncall.core.outbound.RefusedUrl;
import dev.oncall.store.notify.NotifyProperties;
import dev.oncall.store.outbound.OutboundHttp;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
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
    /** Shared by the SMS and voice channels and kept for the worker's life (no channel owns it to close). */
    private final OutboundHttp http;

    TwilioApi(NotifyProperties.Twilio settings, AckProperties ack) {
        this.settings = settings;
        this.ack = ack;
        this.http = OutboundHttp.configured(settings.timeout());
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
        OutboundHttp.Response response;
        try {
            response = http.post(OutboundHttp.under(settings.baseUrl(),
                            "/2010-04-01/Accounts/" + settings.accountSid() + "/" + resource),
                    Map.of("Authorization", "Basic " + auth, "Accept", "application/json"),
                    "application/x-www-form-urlencoded", form(form));
        } catch (RefusedUrl e) {
            throw new DeliveryException(DeliveryException.Kind.PERMANENT, "twilio base URL " + e.getMessage());
        } catch (IOException e) {
            throw DeliveryException.unanswered("twilio", e);
        }
        JsonNode body = parse(response.body());
        int status = response.status();
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
        if (DeliveryException.ofStatus(status) == DeliveryException.Kind.TRANSIENT) {
            throw new DeliveryException(DeliveryException.Kind.TRANSIENT, message);
        }
        throw new DeliveryException(PERMANENT_CODES.contains(code) || status / 100 == 4
                ? DeliveryException.Kind.PERMANENT : DeliveryException.Kind.TRANSIENT, message);
    }

    private static String form(Map<String, List<String>> fields) {
        StringJoiner body = new StringJoiner("&");
        fields.forEach((name, values) -> values.forEach(v -> body.add(
                URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))));
        return body.toString();
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return JSON.createObjectNode();
        }
    }
}
