package dev.oncall.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Addresses drawn from inside every forbidden block, in every spelling a URL can give them. */
class AddressesProperties {
    /** Each forbidden block and what it must be classified as. */
    private static final Map<String, AddressKind> FORBIDDEN = Map.ofEntries(
            Map.entry("127.0.0.0/8", AddressKind.LOOPBACK),
            Map.entry("10.0.0.0/8", AddressKind.PRIVATE),
            Map.entry("172.16.0.0/12", AddressKind.PRIVATE),
            Map.entry("192.168.0.0/16", AddressKind.PRIVATE),
            Map.entry("169.254.0.0/17", AddressKind.LINK_LOCAL),
            Map.entry("100.64.0.0/10", AddressKind.SHARED),
            Map.entry("224.0.0.0/4", AddressKind.MULTICAST),
            Map.entry("0.0.0.0/32", AddressKind.UNSPECIFIED),
            Map.entry("255.255.255.255/32", AddressKind.BROADCAST),
            Map.entry("169.254.169.254/32", AddressKind.METADATA),
            Map.entry("0.0.0.0/8", AddressKind.RESERVED),
            Map.entry("240.0.0.0/5", AddressKind.RESERVED),
            Map.entry("::1/128", AddressKind.LOOPBACK),
            Map.entry("::/128", AddressKind.UNSPECIFIED),
            Map.entry("fc00::/7", AddressKind.PRIVATE),
            Map.entry("fe80::/10", AddressKind.LINK_LOCAL),
            Map.entry("ff00::/8", AddressKind.MULTICAST),
            Map.entry("fd00:ec2::254/128", AddressKind.METADATA));

    record Drawn(String block, InetAddress address) {}

    @Provide
    Arbitrary<Drawn> forbidden() {
        List<String> blocks = List.copyOf(FORBIDDEN.keySet().stream().sorted().toList());
        return Combinators.combine(Arbitraries.of(blocks), Arbitraries.bytes().array(byte[].class).ofSize(16))
                .as(AddressesProperties::inside);
    }

    @Property
    void anAddressInsideAForbiddenBlockIsThatKind(@ForAll("forbidden") Drawn drawn) {
        AddressKind kind = Addresses.classify(drawn.address());
        if (drawn.block().equals("fc00::/7") && drawn.address().getHostAddress().startsWith("fd00:ec2:0:0:0:0:0:254")) {
            assertThat(kind).isEqualTo(AddressKind.METADATA);
        } else if (drawn.block().equals("0.0.0.0/8") && drawn.address().getHostAddress().equals("0.0.0.0")) {
            assertThat(kind).isEqualTo(AddressKind.UNSPECIFIED);
        } else {
            assertThat(kind).as(drawn.address().getHostAddress()).isEqualTo(FORBIDDEN.get(drawn.block()));
        }
    }

    @Property
    void everySpellingOfAForbiddenAddressIsRefused(@ForAll("forbidden") Drawn drawn) {
        for (String host : spellings(drawn.address())) {
            for (String scheme : List.of("https", "http")) {
                assertThatThrownBy(() -> OutboundRule.strict().target(scheme + "://" + host + ":8443/hook"))
                        .as(host).isInstanceOf(RefusedUrl.class);
            }
        }
    }

    @Property
    void aForbiddenAddressAHostNameResolvesToIsRefused(@ForAll("forbidden") Drawn drawn) throws Exception {
        OutboundTarget target = OutboundRule.strict().target("https://receiver.example.com/hook");
        assertThatThrownBy(() -> OutboundRule.strict().check(target, List.of(drawn.address())))
                .isInstanceOf(RefusedUrl.class).hasMessageContaining(drawn.address().getHostAddress());
    }

    /** How a URL can spell the address: dotted, one number, hex, octal, and IPv6 forms carrying IPv4. */
    static List<String> spellings(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            return List.of("[" + address.getHostAddress() + "]");
        }
        long n = ((b[0] & 0xffL) << 24) | ((b[1] & 0xffL) << 16) | ((b[2] & 0xffL) << 8) | (b[3] & 0xffL);
        String dotted = address.getHostAddress();
        return List.of(dotted, Long.toString(n), "0x" + Long.toHexString(n), "0" + Long.toOctalString(n),
                "0x" + Integer.toHexString(b[0] & 0xff) + "." + (n & 0xffffff),
                String.format("0%o.0%o.0%o.0%o", b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff),
                dotted + ".",
                "[::ffff:" + dotted + "]",
                "[::ffff:" + Integer.toHexString((int) (n >>> 16)) + ":" + Integer.toHexString((int) (n & 0xffff)) + "]",
                "[64:ff9b::" + dotted + "]",
                "[2002:" + Integer.toHexString((int) (n >>> 16)) + ":" + Integer.toHexString((int) (n & 0xffff)) + "::1]");
    }

    private static Drawn inside(String block, byte[] random) {
        String[] parts = block.split("/");
        try {
            byte[] base = InetAddress.getByName(parts[0]).getAddress();
            int bits = Integer.parseInt(parts[1]);
            byte[] out = base.clone();
            for (int i = 0; i < out.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - i * 8));
                int mask = (0xff << (8 - keep)) & 0xff;
                out[i] = (byte) ((base[i] & mask) | (random[i] & ~mask & 0xff));
            }
            return new Drawn(block, InetAddress.getByAddress(out));
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
