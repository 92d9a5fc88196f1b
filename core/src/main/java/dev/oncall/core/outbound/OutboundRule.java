package dev.oncall.core.outbound;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where our servers may send a request that a user chose the destination of (a webhook contact
 * method, a Slack {@code response_url}): over https to public addresses only. Networks the
 * operator allow-lists ({@code oncall.notify.webhook.allowed-networks}) may also be called, over
 * https or plain http, for receivers inside the operator's own network.
 *
 * <p>The rule is applied to the addresses the host resolves to, so it holds whatever the name
 * is: graph-api applies it when a URL is saved, and the sender again to the very addresses it
 * connects to, so a name that resolves elsewhere later (DNS rebinding) gains nothing. A name
 * that resolves to any forbidden address is refused as a whole.
 */
public record OutboundRule(List<Cidr> allowedNetworks) {
    public OutboundRule {
        allowedNetworks = List.copyOf(allowedNetworks);
    }

    /** Public addresses over https only: no allow-list. */
    public static OutboundRule strict() {
        return new OutboundRule(List.of());
    }

    /**
     * The rule with the operator's allow-list; an entry that is not a CIDR block is refused,
     * naming it, so a typo fails at start-up rather than silently allowing nothing.
     */
    public static OutboundRule allowing(List<String> cidrs) {
        List<Cidr> parsed = new ArrayList<>();
        for (String c : cidrs) {
            if (!c.isBlank()) {
                parsed.add(Cidr.parse(c));
            }
        }
        return new OutboundRule(parsed);
    }

    public boolean allowListed(InetAddress address) {
        return allowedNetworks.stream().anyMatch(c -> c.contains(address));
    }

    /**
     * What can be judged before resolving: the URL's shape, plain http without an allow-list, and
     * a host that is an address. A host name still has to be resolved and {@link #check}ed.
     */
    public OutboundTarget target(String url) throws RefusedUrl {
        OutboundTarget target = OutboundTarget.parse(url);
        if (target.plainHttp() && allowedNetworks.isEmpty()) {
            throw new RefusedUrl("must be an https URL");
        }
        if (target.literal().isPresent()) {
            check(target, List.of(target.literal().get()));
        }
        return target;
    }

    /** Refuses {@code target} unless every address its host resolved to may be called. */
    public void check(OutboundTarget target, List<InetAddress> addresses) throws RefusedUrl {
        check(target.scheme(), target.host(), addresses);
    }

    public void check(String scheme, String host, List<InetAddress> addresses) throws RefusedUrl {
        if (addresses.isEmpty()) {
            throw new RefusedUrl("has a host that does not resolve: " + host);
        }
        for (InetAddress a : addresses) {
            if (allowListed(a)) {
                continue;
            }
            AddressKind kind = Addresses.classify(a);
            if (kind != AddressKind.PUBLIC) {
                String shown = a.getHostAddress();
                String where = host.equals(shown) || host.equals("[" + shown + "]")
                        ? "points at " + shown : "has host " + host + " resolving to " + shown;
                throw new RefusedUrl(where + ", " + article(kind) + " " + kind.description()
                        + " address: only public addresses may be called");
            }
            if (!"https".equals(scheme)) {
                throw new RefusedUrl("must be an https URL");
            }
        }
    }

    private static String article(AddressKind kind) {
        return switch (kind) {
            case UNSPECIFIED -> "an";
            default -> "a";
        };
    }
}
