package xyz.keystoneos.identity.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressesTest {

    private static MockHttpServletRequest from(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String header : forwardedFor) {
            request.addHeader("X-Forwarded-For", header);
        }
        return request;
    }

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeaderSays() {
        ClientAddresses addresses = new ClientAddresses(List.of());

        assertThat(addresses.of(from("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() {
        ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8", "fd00::/8"));

        assertThat(addresses.of(from("10.0.0.5", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("10.0.0.5", "6.6.6.6, 203.0.113.9, 10.1.1.1"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("10.0.0.5", "6.6.6.6", "203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(addresses.of(from("fd00::1", "2001:db8::5"))).isEqualTo("2001:db8::5");
        assertThat(addresses.of(from("10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(addresses.of(from("10.0.0.5", "not-an-ip"))).isEqualTo("10.0.0.5");
        assertThat(addresses.of(from("198.51.100.7", "203.0.113.9"))).isEqualTo("198.51.100.7");
    }

    @Test
    void aMisconfiguredTrustedProxyFailsTheStart() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal")))
                .hasMessageContaining("proxy.internal");
    }

    @Test
    void anEmptyAllowlistAllowsEveryoneAndEntriesMatchByPrefix() {
        assertThat(ClientAddresses.allowed("203.0.113.9", List.of())).isTrue();
        assertThat(ClientAddresses.allowed("203.0.113.9", List.of("203.0.113.0/24"))).isTrue();
        assertThat(ClientAddresses.allowed("203.0.114.9", List.of("203.0.113.0/24"))).isFalse();
        assertThat(ClientAddresses.allowed("2001:db8::1", List.of("2001:db8::/32"))).isTrue();
        assertThat(ClientAddresses.allowed("2001:db9::1", List.of("2001:db8::/32"))).isFalse();
        assertThat(ClientAddresses.allowed("::ffff:203.0.113.9", List.of("203.0.113.9/32"))).isTrue();
        assertThat(ClientAddresses.allowed("203.0.113.9", List.of("0.0.0.0/0"))).isTrue();
        assertThat(ClientAddresses.allowed("2001:db8::1", List.of("0.0.0.0/0"))).isFalse();
    }

    @Test
    void rangesParseOnlyLiteralsAndKeepTheNetworkAddress() {
        assertThat(IpRange.parse("10.1.2.3/8").orElseThrow().canonical()).isEqualTo("10.0.0.0/8");
        assertThat(IpRange.parse("2001:db8::1").orElseThrow().canonical()).isEqualTo("2001:db8:0:0:0:0:0:1/128");
        assertThat(IpRange.parse("localhost")).isEmpty();
        assertThat(IpRange.parse("abc")).isEmpty();
        assertThat(IpRange.parse("1.2.3.4/")).isEmpty();
        assertThat(IpRange.parse("fe80::1%eth0")).isEmpty();
        assertThat(IpRange.parse("01.2.3.4")).isEmpty();
    }
}
