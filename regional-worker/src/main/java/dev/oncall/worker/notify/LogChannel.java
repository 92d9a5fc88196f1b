package dev.oncall.worker.notify;

import dev.oncall.core.notify.MessageText;
import dev.oncall.core.user.ContactMethodType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each message to the log instead of sending it: the local run uses it for every
 * channel, so someone trying Oncall on a laptop watches the pages go out. Verification codes are
 * not written (codes are never logged), so a method cannot be verified through it; a webhook's
 * challenge is not answered either.
 */
final class LogChannel implements Channel {
    private static final Logger log = LoggerFactory.getLogger(LogChannel.class);
    private final ContactMethodType type;

    LogChannel(ContactMethodType type) {
        this.type = type;
    }

    @Override
    public ContactMethodType type() {
        return type;
    }

    @Override
    public String provider() {
        return "log";
    }

    @Override
    public Receipt send(Delivery delivery) {
        if (delivery.verification().isPresent()) {
            // A code in the log would verify the method for whoever reads the log.
            log.info("message via {} to user {} (contact method {}), message {}: a verification code (never logged)",
                    type.code(), delivery.message().userId(), delivery.method().id(), delivery.messageId());
            return new Receipt("log-" + delivery.messageId());
        }
        String text = switch (type) {
            case SMS -> MessageText.sms(delivery.message());
            case VOICE -> MessageText.voice(delivery.message());
            default -> MessageText.emailSubject(delivery.message());
        };
        log.info("message via {} to user {} (contact method {}), message {}: {}", type.code(), delivery.message().userId(),
                delivery.method().id(), delivery.messageId(), text);
        return new Receipt("log-" + delivery.messageId());
    }
}
