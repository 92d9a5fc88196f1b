package dev.oncall.api.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.oncall.api.ApiTest;
import dev.oncall.core.verification.VerificationCode;
import dev.oncall.store.notify.ContactMessage;
import dev.oncall.store.notify.ContactMessages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * A person verifies a contact method through the API: asks for a code, types it back (wrong
 * first, then right), and from then on may send themselves test notifications; a new address
 * takes the verification away, and nobody outside the person's teams gets anywhere.
 */
class ContactVerificationApiTest extends ApiTest {
    private static final String METHOD = "contactMethod { id verified recentMessages { kind state expiresAt error } }";
    private static final AtomicLong numbers = new AtomicLong(4155558000L);

    @Autowired
    ContactMessages messages;

    private static String number() {
        return "+1" + numbers.incrementAndGet();
    }

    /** What the region's worker does: claims the pending code and stores the hash of the code it texts. */
    private void workerTexts(String contactMethodId, String code) {
        for (ContactMessage m : messages.claim("api-test-worker", clock.instant(), Duration.ofMinutes(1), 1000)) {
            if (m.contactMethodId().toString().equals(contactMethodId)) {
                messages.storeCode(m.id(), "api-test-worker", VerificationCode.hash(m.id(), code), clock.instant());
                messages.markSent(m, "api-test-worker", "twilio", "SM" + m.id(), 1, false, clock.instant());
            }
        }
    }

    private static String addSms(Gql as, String userId) {
        JsonNode added = as.mutate("addContactMethod", "contactMethod { id verified }", Map.of("userId", userId,
                "type", "SMS", "label", "phone", "address", number(), "priority", 0));
        assertThat(added.at("/contactMethod/verified").asBoolean()).as("a new method is unverified").isFalse();
        return added.at("/contactMethod/id").asString();
    }

    @Test
    void aPersonVerifiesTheirNumberWithTheCodeTextedToIt() {
        Crew crew = crew();
        Gql me = as(crew.token("RESPONDER"));
        String sms = addSms(me, crew.id("RESPONDER"));

        JsonNode asked = me.mutate("sendVerification", "message { kind state expiresAt } " + METHOD,
                Map.of("contactMethodId", sms));
        assertThat(asked.at("/message/kind").asString()).isEqualTo("VERIFICATION");
        assertThat(asked.at("/message/state").asString()).isEqualTo("PENDING");
        assertThat(asked.at("/message/expiresAt").asString()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)).toString());
        workerTexts(sms, "314159");

        JsonNode wrong = me.attempt("verifyContactMethod", "contactMethod { id }",
                Map.of("contactMethodId", sms, "code", "000000")).at("/data/verifyContactMethod");
        assertThat(wrong.get("contactMethod").isNull()).isTrue();
        assertThat(wrong.at("/userErrors/0/field").asString()).isEqualTo("input.code");
        assertThat(wrong.at("/userErrors/0/message").asString())
                .isEqualTo("is not the code that was sent; 4 more wrong tries end the pending codes");

        JsonNode right = me.mutate("verifyContactMethod", METHOD, Map.of("contactMethodId", sms, "code", "314 159"));
        assertThat(right.at("/contactMethod/verified").asBoolean()).isTrue();
        assertThat(right.at("/contactMethod/recentMessages/0/kind").asString()).isEqualTo("VERIFICATION");
        assertThat(right.at("/contactMethod/recentMessages/0/state").asString()).isEqualTo("SENT");

        JsonNode again = me.attempt("verifyContactMethod", "contactMethod { id }",
                Map.of("contactMethodId", sms, "code", "314159")).at("/data/verifyContactMethod/userErrors/0");
        assertThat(again.get("field").asString()).isEqualTo("input.contactMethodId");
        assertThat(again.get("message").asString()).isEqualTo("is already verified");
    }

    @Test
    void testNotificationsNeedAVerifiedMethodAndAreLimited() {
        Crew crew = crew();
        Gql me = as(crew.token("RESPONDER"));
        String sms = addSms(me, crew.id("RESPONDER"));

        JsonNode early = me.attempt("sendTestNotification", "message { id }", Map.of("contactMethodId", sms))
                .at("/data/sendTestNotification/userErrors/0");
        assertThat(early.get("field").asString()).isEqualTo("input.contactMethodId");
        assertThat(early.get("message").asString()).startsWith("is not verified yet");

        me.mutate("sendVerification", "message { id }", Map.of("contactMethodId", sms));
        workerTexts(sms, "271828");
        me.mutate("verifyContactMethod", "contactMethod { id }", Map.of("contactMethodId", sms, "code", "271828"));
        for (int i = 0; i < 3; i++) {
            assertThat(me.mutate("sendTestNotification", "message { kind state }", Map.of("contactMethodId", sms))
                    .at("/message/kind").asString()).isEqualTo("TEST");
        }
        JsonNode fourth = me.attempt("sendTestNotification", "message { id }", Map.of("contactMethodId", sms))
                .at("/data/sendTestNotification/userErrors/0");
        assertThat(fourth.get("field").asString()).isEqualTo("input.contactMethodId");
        assertThat(fourth.get("message").asString()).startsWith("at most 3 per 10 minutes test notifications");
    }

    @Test
    void aNewAddressTakesTheVerificationAway() {
        Crew crew = crew();
        Gql me = as(crew.token("RESPONDER"));
        String sms = addSms(me, crew.id("RESPONDER"));
        me.mutate("sendVerification", "message { id }", Map.of("contactMethodId", sms));
        workerTexts(sms, "161803");
        me.mutate("verifyContactMethod", "contactMethod { id }", Map.of("contactMethodId", sms, "code", "161803"));

        JsonNode relabelled = me.mutate("updateContactMethod", "contactMethod { address verified }", Map.of("id", sms,
                "label", "work phone", "address", me.data("query($id: ID!) { user(id: $id) { contactMethods { address } } }",
                        Map.of("id", crew.id("RESPONDER"))).at("/user/contactMethods/0/address").asString(), "priority", 1));
        assertThat(relabelled.at("/contactMethod/verified").asBoolean()).isTrue();
        JsonNode moved = me.mutate("updateContactMethod", "contactMethod { verified }", Map.of("id", sms,
                "label", "work phone", "address", number(), "priority", 1));
        assertThat(moved.at("/contactMethod/verified").asBoolean()).isFalse();
    }

    @Test
    void nobodyOutsideThePersonsTeamsMayAskForCodesOrVerify() {
        Crew crew = crew();
        Crew other = crew();
        String sms = addSms(as(crew.token("RESPONDER")), crew.id("RESPONDER"));
        Gql outsider = as(other.token("ADMIN"));

        // Answered as a contact method that does not exist, so they do not even learn that it does.
        for (String mutation : List.of("sendVerification", "sendTestNotification")) {
            JsonNode refused = outsider.attempt(mutation, "message { id }", Map.of("contactMethodId", sms));
            assertThat(refused).as(mutation).isEqualTo(outsider.attempt(mutation, "message { id }",
                    Map.of("contactMethodId", UUID.randomUUID().toString())));
            assertThat(refused.at("/data/" + mutation + "/userErrors/0/message").asString()).as(mutation)
                    .isEqualTo("no such contact method");
        }
        as(crew.token("RESPONDER")).mutate("sendVerification", "message { id }", Map.of("contactMethodId", sms));
        workerTexts(sms, "141421");
        JsonNode refused = outsider.attempt("verifyContactMethod", "contactMethod { id }",
                Map.of("contactMethodId", sms, "code", "141421"));
        assertThat(refused.at("/data/verifyContactMethod/userErrors/0/message").asString())
                .isEqualTo("no such contact method");
        assertThat(as(crew.token("RESPONDER")).data("query($id: ID!) { user(id: $id) { contactMethods { verified } } }",
                Map.of("id", crew.id("RESPONDER"))).at("/user/contactMethods/0/verified").asBoolean()).isFalse();

        JsonNode unknown = outsider.attempt("sendVerification", "message { id }",
                Map.of("contactMethodId", UUID.randomUUID().toString())).at("/data/sendVerification/userErrors/0");
        assertThat(unknown.get("field").asString()).isEqualTo("input.contactMethodId");
    }
}
