package dev.oncall.acceptance.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Verifying contact methods the way a person does: ask for a code, read it off the phone (the
 * fake phone network's record of the text) and type it back; or, for a webhook, ask and let the
 * receiver answer its challenge.
 */
public final class Verify {
    private static final Pattern CODE = Pattern.compile("Your verification code is ([0-9]{6})\\.");

    private Verify() {}

    /** Verifies the SMS method {@code methodId} at {@code phone}; returns the code that was texted. */
    public static String sms(Installation system, Gql as, String methodId, String phone) {
        long earlier = codesTexted(system, phone);
        as.mutate("sendVerification", "message { id }", Map.of("contactMethodId", methodId));
        String code = codeTexted(system, phone, earlier);
        JsonNode verified = as.mutate("verifyContactMethod", "contactMethod { verified }",
                Map.of("contactMethodId", methodId, "code", code));
        assertThat(verified.at("/contactMethod/verified").asBoolean()).as("verified by its code").isTrue();
        return code;
    }

    /** Verifies the webhook method {@code methodId} of {@code userId}: its receiver echoes the challenge. */
    public static void webhook(Gql as, String userId, String methodId) {
        as.mutate("sendVerification", "message { id }", Map.of("contactMethodId", methodId));
        Poll.until("the webhook " + methodId + " verified by its receiver's answer", () -> verified(as, userId, methodId));
    }

    /** Whether the method is verified now, as its person's profile says. */
    public static boolean verified(Gql as, String userId, String methodId) {
        JsonNode methods = as.data("query($id: ID!) { user(id: $id) { contactMethods { id verified } } }",
                Map.of("id", userId)).at("/user/contactMethods");
        Optional<JsonNode> method = methods.valueStream().filter(m -> m.get("id").asString().equals(methodId)).findFirst();
        return method.map(m -> m.get("verified").asBoolean()).orElse(false);
    }

    /** The first code texted to {@code phone} after the {@code earlier} ones, once it arrives. */
    public static String codeTexted(Installation system, String phone, long earlier) {
        return Poll.value("the verification code texted to " + phone, () -> system.twilio().sentTo(phone).stream()
                .map(s -> CODE.matcher(s.body())).filter(Matcher::find).skip(earlier).map(m -> m.group(1)).findFirst());
    }

    /** How many codes were texted to {@code phone} so far. */
    public static long codesTexted(Installation system, String phone) {
        return system.twilio().sentTo(phone).stream().filter(s -> CODE.matcher(s.body()).find()).count();
    }
}
