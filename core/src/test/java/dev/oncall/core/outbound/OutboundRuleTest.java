package dev.oncall.core.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OutboundRuleTest {
    private final OutboundRule strict = OutboundRule.strict();
    private final OutboundRule loopbackAllowed = OutboundRule.allowing(List.of("127.0.0.0/8"));

    @ParameterizedTest
    @ValueSource(strings = {
            "http://169.254.169.254/latest/meta-data/", "https://169.254.169.254/latest/meta-data/",
            "https://127.0.0.1/", "https://127.0.0.1:8080/hook", "https://localhost.127.0.0.1/",
            "https://2130706433/", "https://0x7f.1/", "https://0x7F000001/", "https://0177.0.0.1/", "https://127.1/",
            "https://017700000001/", "https://0x7f.0.0.1./", "https://10.0.0.1/", "https://0xa.0.0.1/",
            "https://172.16.5.4/", "https://192.168.1.1/", "https://100.64.0.1/", "https://0.0.0.0/", "https://0/",
            "https://255.255.255.255/", "https://224.0.0.1/", "https://[::1]/", "https://[::]/",
            "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://[::ffff:a9fe:a9fe]/",
            "https://[::127.0.0.1]/", "https://[64:ff9b::a9fe:a9fe]/", "https://[2002:a00:1::]/",
            "https://[fd00:ec2::254]/", "https://[fc00::1]/", "https://[fe80::1]/", "https://[ff02::1]/",
            "https://user:pw@127.0.0.1/", "https://[fe80::1%25eth0]/", "https://1.2.3.4.5/", "https://256.0.0.1/"})
    void aUrlThatPointsInsideIsRefused(String url) {
        assertThatThrownBy(() -> strict.target(url)).isInstanceOf(RefusedUrl.class);
    }

    @Test
    void everySpellingOfLoopbackIsReadAsLoopback() throws Exception {
        for (String host : List.of("2130706433", "0x7f.1", "0177.0.0.1", "127.1", "0x7f000001", "127.0.0.1.",
                "017700000001", "0x7f.0.0.0x1", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[0:0:0:0:0:ffff:7f00:1]")) {
            assertThat(HostLiteral.parse(host)).as(host).hasValue(InetAddress.getByName("127.0.0.1"));
        }
        assertThat(HostLiteral.parse("example.com")).isEmpty();
        assertThat(HostLiteral.parse("1.example")).isEmpty();
        assertThat(HostLiteral.parse("0x7f.example")).isEmpty();
    }

    @Test
    void theRefusalSaysWhatTheAddressIs() {
        assertThatThrownBy(() -> strict.target("https://2130706433/hook"))
                .hasMessage("points at 127.0.0.1, a loopback address: only public addresses may be called");
        assertThatThrownBy(() -> strict.target("http://169.254.169.254/latest"))
                .hasMessage("must be an https URL");
        assertThatThrownBy(() -> strict.target("https://169.254.169.254/latest"))
                .hasMessageContaining("a cloud metadata address");
        assertThatThrownBy(() -> strict.target("ftp://example.com/")).hasMessage("must be an https URL");
        assertThatThrownBy(() -> strict.target("not a url")).isInstanceOf(RefusedUrl.class);
        assertThatThrownBy(() -> strict.target("https:///path")).hasMessageContaining("with a host");
        assertThatThrownBy(() -> strict.target("https://user:pw@hooks.example.com/"))
                .hasMessage("must not contain a user name or password");
        assertThatThrownBy(() -> strict.target("https://hooks.example.com@127.0.0.1/"))
                .hasMessage("must not contain a user name or password");
    }

    @Test
    void aNameIsJudgedByEveryAddressItResolvesTo() throws Exception {
        OutboundTarget target = strict.target("https://hooks.internal.example/page");
        assertThat(target.literal()).isEmpty();
        assertThatThrownBy(() -> strict.check(target, List.of(InetAddress.getByName("10.0.0.1"))))
                .hasMessage("has host hooks.internal.example resolving to 10.0.0.1, a private address: "
                        + "only public addresses may be called");
        assertThatThrownBy(() -> strict.check(target, List.of(InetAddress.getByName("93.184.215.14"),
                InetAddress.getByName("10.0.0.1")))).isInstanceOf(RefusedUrl.class);
        assertThatThrownBy(() -> strict.check(target, List.of())).hasMessageContaining("does not resolve");
        assertThatCode(() -> strict.check(target, List.of(InetAddress.getByName("93.184.215.14"),
                InetAddress.getByName("2606:4700::1111")))).doesNotThrowAnyException();
    }

    @Test
    void publicHttpsIsAllowedAndPlainHttpIsNot() throws Exception {
        assertThat(strict.target("https://93.184.215.14/hook").uri().toString()).isEqualTo("https://93.184.215.14/hook");
        assertThat(strict.target("https://[2606:4700::1111]:8443/x?y=1").literal()).isPresent();
        assertThat(strict.target("https://hooks.example.com/x").host()).isEqualTo("hooks.example.com");
        assertThatThrownBy(() -> strict.target("http://hooks.example.com/x")).hasMessage("must be an https URL");
        assertThatThrownBy(() -> loopbackAllowed.check(loopbackAllowed.target("http://hooks.example.com/x"),
                List.of(InetAddress.getByName("93.184.215.14")))).hasMessage("must be an https URL");
    }

    @Test
    void anAllowListedNetworkMayBeCalledOverPlainHttp() throws Exception {
        OutboundTarget target = loopbackAllowed.target("http://0x7f.1:8080/hook?x=1");
        assertThat(target.uri().toString()).as("the checked address is what is called")
                .isEqualTo("http://127.0.0.1:8080/hook?x=1");
        assertThatCode(() -> loopbackAllowed.target("https://[::ffff:127.0.0.2]/")).doesNotThrowAnyException();
        assertThatThrownBy(() -> loopbackAllowed.target("http://10.0.0.1/")).hasMessageContaining("private");
        assertThatThrownBy(() -> loopbackAllowed.target("http://[::1]/")).hasMessageContaining("loopback");
    }

    @Test
    void anAllowListEntryThatIsNotABlockIsRefusedByName() {
        assertThatThrownBy(() -> OutboundRule.allowing(List.of("10.0.0.1/8")))
                .hasMessageContaining("\"10.0.0.1/8\" has host bits set; did you mean 10.0.0.0/8?");
        assertThatThrownBy(() -> OutboundRule.allowing(List.of("10.0.0.0/33"))).hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> OutboundRule.allowing(List.of("intranet"))).hasMessageContaining("\"intranet\"");
        assertThat(OutboundRule.allowing(List.of("10.1.0.0/16", "fd12::/16", "192.168.7.7")).allowedNetworks())
                .hasToString("[10.1.0.0/16, fd12:0:0:0:0:0:0:0/16, 192.168.7.7/32]");
    }
}
