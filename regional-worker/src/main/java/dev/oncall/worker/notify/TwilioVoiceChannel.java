package dev.oncall.worker.notify;

import dev.oncall.core.notify.MessageText;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.store.notify.AckProperties;
import java.util.Map;

/**
 * Phone calls through Twilio: the call speaks the page and gathers one key. Twilio posts the
 * key to graph-api's voice webhook, signed with the account's auth token; the URL names the
 * message, from which the API learns the person and the incidents.
 */
final class TwilioVoiceChannel implements Channel {
    private final TwilioApi api;
    private final AckProperties ack;

    TwilioVoiceChannel(TwilioApi api, AckProperties ack) {
        this.api = api;
        this.ack = ack;
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.VOICE;
    }

    @Override
    public String provider() {
        return "twilio";
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        return new Receipt(api.create("Calls.json", Map.of(
                "To", delivery.method().address(),
                "Twiml", twiml(delivery))));
    }

    String twiml(Delivery delivery) {
        String say = xml(MessageText.voice(delivery.message()));
        if (delivery.page().isEmpty()) {
            return "<Response><Say>" + say + "</Say></Response>";
        }
        String action = ack.url("/webhooks/twilio/voice?message=" + delivery.messageId());
        return "<Response><Gather numDigits=\"1\" timeout=\"10\" method=\"POST\" action=\"" + xml(action) + "\">"
                + "<Say>" + say + "</Say></Gather>"
                + "<Say>No key was pressed. Goodbye.</Say></Response>";
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
