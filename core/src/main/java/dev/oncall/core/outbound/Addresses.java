package dev.oncall.core.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Classifies IP addresses by the IANA special-purpose registries. Every block that is not
 * {@link AddressKind#PUBLIC} is inside someone's own network or not a unicast destination at all,
 * so a server making requests on a user's behalf must not call it. An IPv6 address that carries
 * an IPv4 one (mapped {@code ::ffff:0:0/96}, compatible {@code ::/96}, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}) is as forbidden as the IPv4 address it carries, since that is where it
 * ends up.
 */
public final class Addresses {
    private record Block(Cidr cidr, AddressKind kind) {}

    // Order matters: the first block that holds an address names its kind (metadata before link-local).
    private static final List<Block> BLOCKS = List.of(
            block("0.0.0.0/32", AddressKind.UNSPECIFIED),
            block("0.0.0.0/8", AddressKind.RESERVED),
            block("10.0.0.0/8", AddressKind.PRIVATE),
            block("100.64.0.0/10", AddressKind.SHARED),
            block("127.0.0.0/8", AddressKind.LOOPBACK),
            block("169.254.169.254/32", AddressKind.METADATA),
            block("169.254.0.0/16", AddressKind.LINK_LOCAL),
            block("172.16.0.0/12", AddressKind.PRIVATE),
            block("192.0.0.0/24", AddressKind.RESERVED),
            block("192.0.2.0/24", AddressKind.RESERVED),
            block("192.88.99.0/24", AddressKind.RESERVED),
            block("192.168.0.0/16", AddressKind.PRIVATE),
            block("198.18.0.0/15", AddressKind.RESERVED),
            block("198.51.100.0/24", AddressKind.RESERVED),
            block("203.0.113.0/24", AddressKind.RESERVED),
            block("224.0.0.0/4", AddressKind.MULTICAST),
            block("255.255.255.255/32", AddressKind.BROADCAST),
            block("240.0.0.0/4", AddressKind.RESERVED),
            block("::/128", AddressKind.UNSPECIFIED),
            block("::1/128", AddressKind.LOOPBACK),
            block("fd00:ec2::254/128", AddressKind.METADATA),
            block("fc00::/7", AddressKind.PRIVATE),
            block("fe80::/10", AddressKind.LINK_LOCAL),
            block("fec0::/10", AddressKind.RESERVED),
            block("ff00::/8", AddressKind.MULTICAST),
            block("64:ff9b:1::/48", AddressKind.RESERVED),
            block("100::/64", AddressKind.RESERVED),
            block("2001::/23", AddressKind.RESERVED),
            block("2001:db8::/32", AddressKind.RESERVED),
            block("3fff::/20", AddressKind.RESERVED));

    private Addresses() {}

    public static AddressKind classify(InetAddress address) {
        Optional<InetAddress> carried = carriedIpv4(address);
        if (carried.isPresent()) {
            AddressKind kind = classify(carried.get());
            if (kind != AddressKind.PUBLIC) {
                return kind;
            }
        }
        for (Block b : BLOCKS) {
            if (b.cidr().contains(address)) {
                return b.kind();
            }
        }
        return AddressKind.PUBLIC;
    }

    /** The IPv4 address of an IPv4-mapped IPv6 address ({@code ::ffff:a.b.c.d}). */
    static Optional<InetAddress> mappedIpv4(InetAddress address) {
        byte[] b = address.getAddress();
        if (!(address instanceof Inet6Address) || !zero(b, 0, 10) || (b[10] & b[11] & 0xff) != 0xff) {
            return Optional.empty();
        }
        return Optional.of(ipv4(Arrays.copyOfRange(b, 12, 16)));
    }

    /** The IPv4 address an IPv6 address carries and is delivered to, if it carries one. */
    static Optional<InetAddress> carriedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        Optional<InetAddress> mapped = mappedIpv4(address);
        if (mapped.isPresent()) {
            return mapped;
        }
        boolean compatible = zero(b, 0, 12) && !zero(b, 12, 16) && !(zero(b, 12, 15) && b[15] == 1);
        boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12);
        if (compatible || nat64) {
            return Optional.of(ipv4(Arrays.copyOfRange(b, 12, 16)));
        }
        if (b[0] == 0x20 && b[1] == 0x02) {
            return Optional.of(ipv4(Arrays.copyOfRange(b, 2, 6)));
        }
        return Optional.empty();
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static Inet4Address ipv4(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    private static Block block(String cidr, AddressKind kind) {
        return new Block(Cidr.parse(cidr), kind);
    }
}
