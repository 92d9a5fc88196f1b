package dev.oncall.store.outbound;

import dev.oncall.core.outbound.HostLiteral;
import dev.oncall.core.outbound.OutboundRule;
import dev.oncall.core.outbound.OutboundTarget;
import dev.oncall.core.outbound.RefusedUrl;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The {@link OutboundRule} applied to real names: resolves a host and judges every address it
 * resolves to. graph-api asks it when a URL is saved; {@link OutboundHttp} asks it for the
 * addresses of each connection it opens, and connects to nothing else.
 */
public final class OutboundGuard {
    private final OutboundRule rule;
    private final HostResolver resolver;

    public OutboundGuard(OutboundRule rule, HostResolver resolver) {
        this.rule = rule;
        this.resolver = resolver;
    }

    public OutboundRule rule() {
        return rule;
    }

    /** Refuses {@code url} unless it may be called now; returns what to call. */
    public OutboundTarget check(String url) throws RefusedUrl {
        OutboundTarget target = rule.target(url);
        if (target.literal().isEmpty()) {
            addresses(target.scheme(), target.host());
        }
        return target;
    }

    /** The addresses {@code host} resolves to, once every one of them passed the rule for {@code scheme}. */
    public List<InetAddress> addresses(String scheme, String host) throws RefusedUrl {
        List<InetAddress> addresses;
        try {
            Optional<InetAddress> literal = HostLiteral.parse(host);
            addresses = literal.isPresent() ? List.of(literal.get()) : resolver.resolve(host);
        } catch (IllegalArgumentException e) {
            throw new RefusedUrl("has a host that is not a valid address: " + e.getMessage());
        } catch (UnknownHostException e) {
            throw new RefusedUrl("has a host that does not resolve: " + host);
        }
        rule.check(scheme, host, addresses);
        return addresses;
    }
}
