package dev.oncall.worker.notify;

import dev.oncall.core.notify.MessageText;
import dev.oncall.core.user.ContactMethodType;
import java.util.Map;

/** SMS through Twilio. People answer with the reply codes the text shows (graph-api's inbound webhook). */
final class TwilioSmsChannel implements Channel {
    private final TwilioApi api;

    TwilioSmsChannel(TwilioApi api) {
        this.api = api;
    }

    @Override
    public ContactMethodType type() {
        return ContactMethodType.SMS;
    }

    @Override
    public String provider() {
        return "twilio";
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        return new Receipt(api.create("Messages.json", Map.of(
                "To", delivery.method().address(),
                "Body", MessageText.sms(delivery.message()))));
    }
}
