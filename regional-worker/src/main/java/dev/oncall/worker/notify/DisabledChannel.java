package dev.oncall.worker.notify;

/** A channel this deployment does not serve: every send is refused at once, so the next method is tried. */
final class DisabledChannel implements Channel {
    private final String type;

    DisabledChannel(String type) {
        this.type = type;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public String provider() {
        return "disabled";
    }

    @Override
    public Receipt send(Delivery delivery) throws DeliveryException {
        throw new DeliveryException(DeliveryException.Kind.UNAVAILABLE, type + " is not configured in this deployment");
    }
}
