package dev.oncall.core.notify;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Twilio's request signature ({@code X-Twilio-Signature}): the full URL Twilio called, then
 * every POST parameter name and value appended in name order (repeated values sorted, once each), HMAC-SHA1 under the account's
 * auth token, base64. Inbound SMS, voice keypad input and status callbacks are all signed so.
 */
public final class TwilioSignature {
    private TwilioSignature() {}

    public static String sign(String authToken, String url, Map<String, List<String>> params) {
        StringBuilder data = new StringBuilder(url);
        List<String> names = new ArrayList<>(params.keySet());
        names.sort(null);
        for (String name : names) {
            // Twilio's own validators sign each distinct value once, in order.
            for (String value : new java.util.TreeSet<>(params.get(name))) {
                data.append(name).append(value);
            }
        }
        return Base64.getEncoder().encodeToString(Hmac.sha1(authToken, data.toString()));
    }

    public static boolean valid(String authToken, String url, Map<String, List<String>> params, String signature) {
        return signature != null && !authToken.isEmpty() && Hmac.same(sign(authToken, url, params), signature.strip());
    }
}
