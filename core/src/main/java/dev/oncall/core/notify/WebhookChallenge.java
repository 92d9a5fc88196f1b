package dev.oncall.core.notify;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How a webhook contact method proves that its receiver wants our pages: we POST a signed
 * (see {@link WebhookSignature}) JSON body of type {@value #TYPE} holding a random
 * {@code challenge}; the receiver answers 2xx with the JSON body {@code {"challenge": "<the same
 * value>"}}. Only an exact echo verifies the method. docs/notifications.md documents it for
 * receiver authors; the worker sends it and the acceptance suite's receiver answers it.
 */
public final class WebhookChallenge {
    public static final String TYPE = "oncall.verification";
    public static final String FIELD = "challenge";

    private WebhookChallenge() {}

    /** The body POSTed to the receiver. */
    public static Map<String, Object> body(UUID messageId, UUID userId, UUID contactMethodId, String challenge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE);
        body.put("message_id", messageId.toString());
        body.put("user_id", userId.toString());
        body.put("contact_method_id", contactMethodId.toString());
        body.put(FIELD, challenge);
        return body;
    }

    /** Whether {@code echoed}, the value of the answer's {@code challenge} field, is the challenge sent. */
    public static boolean answered(String challenge, String echoed) {
        return Hmac.same(challenge, echoed);
    }
}
