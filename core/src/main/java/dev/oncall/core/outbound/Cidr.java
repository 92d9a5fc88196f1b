package dev.oncall.core.outbound;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.Objects;

/**
 * A block of addresses written as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a
 * block of one. An IPv4 block also holds the IPv4-mapped IPv6 spelling of its addresses (the JDK
 * reads {@code ::ffff:10.0.0.1} as {@code 10.0.0.1}).
 */
public final class Cidr {
    private final byte[] network;
    private final int bits;

    private Cidr(byte[] network, int bits) {
        this.network = network;
        this.bits = bits;
    }

    /** Parses {@code address/bits}; host bits set below the prefix are refused, as they are a typo. */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text");
        String s = text.strip();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        byte[] bytes = HostLiteral.parse(address)
                .orElseThrow(() -> new IllegalArgumentException("\"" + text + "\" is not an IP address or CIDR block"))
                .getAddress();
        int max = bytes.length * 8;
        int bits = max;
        if (slash >= 0) {
            String prefix = s.substring(slash + 1);
            if (!prefix.matches("[0-9]{1,3}") || Integer.parseInt(prefix) > max) {
                throw new IllegalArgumentException("\"" + text + "\" has a prefix length outside 0.." + max);
            }
            bits = Integer.parseInt(prefix);
        }
        byte[] network = masked(bytes, bits);
        if (!Arrays.equals(network, bytes)) {
            throw new IllegalArgumentException("\"" + text + "\" has host bits set; did you mean "
                    + format(network) + "/" + bits + "?");
        }
        return new Cidr(network, bits);
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return network.length == 4 && Addresses.mappedIpv4(address).map(this::contains).orElse(false);
        }
        return Arrays.equals(masked(bytes, bits), network);
    }

    private static byte[] masked(byte[] bytes, int bits) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, bits - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - keep)));
        }
        return out;
    }

    private static String format(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes).getHostAddress();
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("4 or 16 bytes are always an address", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && bits == c.bits && Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + bits;
    }

    @Override
    public String toString() {
        return format(network) + "/" + bits;
    }
}
