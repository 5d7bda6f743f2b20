package xyz.keystoneos.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.shared.web.ApiException;

class TargetGuardTest {

    private final TargetGuard production = new TargetGuard(false);

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.9", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "::1", "fc00::1", "fd12:3456::1", "fe80::1", "::ffff:10.0.0.1", "::"})
    void nonPublicAddressesAreRefused(String address) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "100.128.0.1"})
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(TargetGuard.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://127.0.0.1/hook", "https://localhost/hook", "https://[::1]/hook",
            "https://169.254.169.254/latest/meta-data", "https://10.0.0.5/hook", "http://93.184.216.34/hook"})
    void productionRefusesPrivateTargetsAndPlainHttp(String url) {
        assertThatThrownBy(() -> production.checkRegistration(url))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.code()).isEqualTo("webhook_target_not_allowed");
                });
    }

    @Test
    void productionAcceptsAPublicHttpsTarget() {
        assertThat(production.checkRegistration("https://93.184.216.34/hooks").getHost()).isEqualTo("93.184.216.34");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a url", "ftp://example.com/x", "https://user:pw@example.com/x", "https:///x",
            "https://example.com/x#frag"})
    void malformedUrlsAreBadRequests(String url) {
        assertThatThrownBy(() -> new TargetGuard(true).checkRegistration(url))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @Test
    void developmentAllowsLocalTargets() {
        assertThat(new TargetGuard(true).checkRegistration("http://127.0.0.1:9999/hooks").getPort()).isEqualTo(9999);
    }
}
