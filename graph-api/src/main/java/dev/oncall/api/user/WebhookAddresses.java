package dev.oncall.api.user;

import dev.oncall.core.outbound.RefusedUrl;
import dev.oncall.core.user.ContactMethodType;
import dev.oncall.core.validation.ValidationException;
import dev.oncall.store.outbound.OutboundGuard;
import org.springframework.stereotype.Component;

/**
 * The outbound rule applied when a webhook address is saved: an address the sender would refuse
 * (not https, or resolving inside a network) is refused now, as a userError on {@code address},
 * rather than failing at three in the morning. The sender checks again at every send.
 */
@Component
class WebhookAddresses {
    private final OutboundGuard guard;

    WebhookAddresses(OutboundGuard guard) {
        this.guard = guard;
    }

    void check(ContactMethodType type, String address) {
        if (type != ContactMethodType.WEBHOOK || address == null || address.isBlank()) {
            return; // the domain's own rules name what is wrong with these
        }
        try {
            guard.check(address);
        } catch (RefusedUrl e) {
            throw ValidationException.of("address", e.getMessage());
        }
    }
}
