package dev.oncall.core.outbound;

/** What an IP address is, as far as calling it from our servers is concerned. */
public enum AddressKind {
    PUBLIC("public"),
    LOOPBACK("loopback"),
    PRIVATE("private"),
    LINK_LOCAL("link-local"),
    /** 100.64.0.0/10, carrier-grade NAT: inside a provider's network, like a private one. */
    SHARED("shared (carrier-grade NAT)"),
    MULTICAST("multicast"),
    UNSPECIFIED("unspecified"),
    BROADCAST("broadcast"),
    /** A cloud's instance metadata service, which hands out the machine's credentials. */
    METADATA("cloud metadata"),
    /** Special-purpose blocks (this network, documentation, benchmarking, future use …). */
    RESERVED("reserved");

    private final String description;

    AddressKind(String description) {
        this.description = description;
    }

    /** How a refusal names it: "a private address". */
    public String description() {
        return description;
    }
}
