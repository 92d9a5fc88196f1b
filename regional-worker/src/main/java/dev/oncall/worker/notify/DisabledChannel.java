package dev.oncall.worker.notify;

import dev.oncall.core.user.ContactMethodType;

/** A channel this deployment does not serve: every send is refused at once, so the next method is tried. */
final class DisabledChannel implements Channel {
    private final ContactMethodType type;

    DisabledChannel(ContactMethodType type) {
        this.type = type;
    }

    @Override
    public ContactMethodType type() {
        return type;
    }

    @Override
    public String provider() {
        return "disabled";
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        throw new DeliveryException(DeliveryException.Kind.UNAVAILABLE, type.code() + " is not configured in this deployment");
    }
}
