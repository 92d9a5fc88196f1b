package dev.oncall.core.outbound;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which host names are addresses, read as the WHATWG URL Standard reads them (the rule browsers
 * and most HTTP clients follow): a host whose last label is a number is an IPv4 address in any of
 * its old spellings ({@code 2130706433}, {@code 0x7f.1}, {@code 0177.0.0.1}, {@code 127.1}) or no
 * host at all, and a host with a colon is an IPv6 address. Reading them here, rather than handing
 * them to the platform's resolver, means every spelling is classified as the address it is.
 */
public final class HostLiteral {
    private static final BigInteger LIMIT = BigInteger.ONE.shiftLeft(32);

    private HostLiteral() {}

    /**
     * The address {@code host} spells; empty for a domain name. Throws {@link IllegalArgumentException}
     * for a host that must be an address and is not a valid one ({@code 1.2.3.4.5}, {@code 256.0.0.1},
     * {@code [::g]}), and for IPv6 zone ids, which name an interface of this machine.
     */
    public static Optional<InetAddress> parse(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            return Optional.of(ipv6(h.substring(1, h.length() - 1), host));
        }
        if (h.contains(":")) {
            return Optional.of(ipv6(h, host));
        }
        if (!endsInANumber(h)) {
            return Optional.empty();
        }
        return Optional.of(ipv4(h).orElseThrow(() ->
                new IllegalArgumentException("\"" + host + "\" ends in a number but is not an IPv4 address")));
    }

    private static InetAddress ipv6(String text, String original) {
        if (text.isEmpty() || !text.matches("[0-9a-f:.]+")) {
            throw new IllegalArgumentException("\"" + original + "\" is not an IPv6 address"
                    + (text.contains("%") ? " without a zone id" : ""));
        }
        try {
            // With a colon and no zone id the JDK only parses the literal: it never asks a resolver.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("\"" + original + "\" is not an IPv6 address", e);
        }
    }

    private static boolean endsInANumber(String host) {
        List<String> parts = labels(host);
        if (parts.isEmpty()) {
            return false;
        }
        String last = parts.getLast();
        return !last.isEmpty() && last.chars().allMatch(c -> c >= '0' && c <= '9') || number(last).isPresent();
    }

    private static Optional<InetAddress> ipv4(String host) {
        List<String> parts = labels(host);
        if (parts.isEmpty() || parts.size() > 4) {
            return Optional.empty();
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String part : parts) {
            Optional<BigInteger> n = number(part);
            if (n.isEmpty()) {
                return Optional.empty();
            }
            numbers.add(n.get());
        }
        BigInteger byteLimit = BigInteger.valueOf(256);
        for (int i = 0; i < numbers.size() - 1; i++) {
            if (numbers.get(i).compareTo(byteLimit) >= 0) {
                return Optional.empty();
            }
        }
        BigInteger last = numbers.getLast();
        if (last.compareTo(byteLimit.pow(5 - numbers.size())) >= 0) {
            return Optional.empty();
        }
        long value = last.longValue();
        for (int i = 0; i < numbers.size() - 1; i++) {
            value += numbers.get(i).longValue() << (8 * (3 - i));
        }
        byte[] bytes = {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** The labels, without the one empty label a trailing dot leaves. */
    private static List<String> labels(String host) {
        List<String> parts = new ArrayList<>(Arrays.asList(host.split("\\.", -1)));
        if (parts.size() > 1 && parts.getLast().isEmpty()) {
            parts.removeLast();
        }
        return parts;
    }

    /** An IPv4 number: decimal, {@code 0x} hexadecimal or {@code 0} octal; empty when it is none. */
    private static Optional<BigInteger> number(String text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        int radix = 10;
        String digits = text;
        if (text.startsWith("0x")) {
            radix = 16;
            digits = text.substring(2);
        } else if (text.length() > 1 && text.startsWith("0")) {
            radix = 8;
            digits = text.substring(1);
        }
        if (digits.isEmpty()) {
            return Optional.of(BigInteger.ZERO);
        }
        String allowed = "0123456789abcdef".substring(0, radix);
        // A number this long is far past any address; refusing it early bounds the work.
        if (digits.length() > 40 || !digits.chars().allMatch(c -> allowed.indexOf(c) >= 0)) {
            return Optional.empty();
        }
        BigInteger n = new BigInteger(digits, radix);
        return Optional.of(n.compareTo(LIMIT) >= 0 ? LIMIT : n);
    }
}
