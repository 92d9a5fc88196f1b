package dev.oncall.core.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A URL our servers are asked to call, read once: its scheme ({@code http} or {@code https}),
 * its host, and the address that host spells when it is an address. {@link #uri()} is what is
 * sent: an address host is rewritten to its one canonical spelling ({@code http://0x7f.1/} becomes
 * {@code http://127.0.0.1/}), so the client connects to exactly the address that was checked.
 */
public record OutboundTarget(URI uri, String scheme, String host, Optional<InetAddress> literal) {
    public OutboundTarget {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(literal, "literal");
    }

    /** Reads {@code url}; a URL that is not an absolute http(s) URL with a host is refused with the reason. */
    public static OutboundTarget parse(String url) throws RefusedUrl {
        if (url == null || url.isBlank()) {
            throw new RefusedUrl("is not a URL");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new RefusedUrl("is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new RefusedUrl("must be an https URL");
        }
        String authority = uri.getRawAuthority();
        if (authority == null || uri.isOpaque()) {
            throw new RefusedUrl("must be an https URL with a host");
        }
        if (uri.getRawUserInfo() != null || authority.contains("@")) {
            // Credentials in a URL end up in logs and are not sent as authentication anyway.
            throw new RefusedUrl("must not contain a user name or password");
        }
        String host = host(authority);
        if (host.isEmpty()) {
            throw new RefusedUrl("must be an https URL with a host");
        }
        Optional<InetAddress> literal;
        try {
            literal = HostLiteral.parse(host);
        } catch (IllegalArgumentException e) {
            throw new RefusedUrl("has a host that is not a valid address: " + e.getMessage());
        }
        if (literal.isEmpty()) {
            if (uri.getHost() == null) {
                throw new RefusedUrl("has a host that is not a valid host name: \"" + host + "\"");
            }
            return new OutboundTarget(uri, scheme, uri.getHost().toLowerCase(Locale.ROOT), literal);
        }
        String canonical = literal.get() instanceof Inet6Address
                ? "[" + literal.get().getHostAddress() + "]" : literal.get().getHostAddress();
        StringBuilder rewritten = new StringBuilder(scheme).append("://").append(canonical).append(port(authority));
        rewritten.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            rewritten.append('?').append(uri.getRawQuery());
        }
        if (uri.getRawFragment() != null) {
            rewritten.append('#').append(uri.getRawFragment());
        }
        try {
            return new OutboundTarget(new URI(rewritten.toString()), scheme, canonical, literal);
        } catch (URISyntaxException e) {
            throw new RefusedUrl("is not a URL: " + e.getReason());
        }
    }

    /** {@code :port} of an authority, or nothing; a port that is not a number is refused. */
    private static String port(String hostPort) throws RefusedUrl {
        int from = hostPort.startsWith("[") ? hostPort.indexOf(']') + 1 : 0;
        int colon = hostPort.indexOf(':', from);
        if (colon < 0 || colon == hostPort.length() - 1) {
            return "";
        }
        String port = hostPort.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65535) {
            throw new RefusedUrl("has a port that is not a number up to 65535: \"" + port + "\"");
        }
        return ":" + Integer.parseInt(port);
    }

    /** The host of an authority {@code host[:port]}. */
    private static String host(String hostPort) {
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? hostPort : hostPort.substring(0, close + 1);
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    public boolean plainHttp() {
        return scheme.equals("http");
    }
}
