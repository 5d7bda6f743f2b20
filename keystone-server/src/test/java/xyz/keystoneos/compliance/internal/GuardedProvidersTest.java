package xyz.keystoneos.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import xyz.keystoneos.compliance.CircuitState;
import xyz.keystoneos.compliance.ProviderHealth;

class GuardedProvidersTest {

    @Test
    void reportsTheHealthOfEveryProviderByName() {
        GuardedProviders providers = new GuardedProviders(List.of(new FakeProvider("zeta"),
                new FakeProvider("alpha")), ProviderGuardSettings.defaults(), Clock.systemUTC());

        assertThat(providers.health()).containsExactly(
                new ProviderHealth("alpha", CircuitState.CLOSED, 0, null, null),
                new ProviderHealth("zeta", CircuitState.CLOSED, 0, null, null));
        providers.shutDown();
    }

    @Test
    void findsProvidersByTheirExactName() {
        GuardedProviders providers = new GuardedProviders(List.of(new FakeProvider("alpha")),
                ProviderGuardSettings.defaults(), Clock.systemUTC());

        assertThat(providers.find("alpha")).isPresent();
        assertThat(providers.find("Alpha")).isEmpty();
        providers.shutDown();
    }

    @Test
    void refusesTwoProvidersWithOneName() {
        assertThatThrownBy(() -> new GuardedProviders(List.of(new FakeProvider("alpha"), new FakeProvider("alpha")),
                ProviderGuardSettings.defaults(), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Two compliance providers are named 'alpha'");
    }

    @Test
    void refusesAProviderWithoutName() {
        assertThatThrownBy(() -> new GuardedProviders(List.of(new FakeProvider(" ")),
                ProviderGuardSettings.defaults(), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has no name");
    }
}
