package xyz.keystoneos.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ProviderGuardSettingsTest {

    @Test
    void unsetValuesTakeTheDocumentedDefaults() {
        assertThat(ProviderGuardSettings.defaults()).isEqualTo(new ProviderGuardSettings(Duration.ofSeconds(5), 2,
                Duration.ofMillis(200), 2.0, 5, Duration.ofSeconds(30)));
        assertThat(new ComplianceProperties(null, null).sanctionsList().location())
                .isEqualTo("classpath:compliance/sanctions-sample.json");
    }

    @Test
    void bindsTheDocumentedPropertyNames() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "keystone.compliance.sanctions-list.location", "file:/etc/keystone/list.json",
                "keystone.compliance.providers.timeout", "2s",
                "keystone.compliance.providers.max-retries", "4",
                "keystone.compliance.providers.initial-backoff", "50ms",
                "keystone.compliance.providers.backoff-multiplier", "3",
                "keystone.compliance.providers.failure-threshold", "10",
                "keystone.compliance.providers.open-duration", "1m")));

        ComplianceProperties properties = binder.bind("keystone.compliance", ComplianceProperties.class).get();

        assertThat(properties.sanctionsList().location()).isEqualTo("file:/etc/keystone/list.json");
        assertThat(properties.providers()).isEqualTo(new ProviderGuardSettings(Duration.ofSeconds(2), 4,
                Duration.ofMillis(50), 3.0, 10, Duration.ofMinutes(1)));
    }

    @Test
    void refusesValuesThatMakeNoSense() {
        assertThatThrownBy(() -> new ProviderGuardSettings(Duration.ZERO, null, null, null, null, null))
                .hasMessage("keystone.compliance.providers.timeout must be positive");
        assertThatThrownBy(() -> new ProviderGuardSettings(null, -1, null, null, null, null))
                .hasMessage("keystone.compliance.providers.max-retries must be 0 or more");
        assertThatThrownBy(() -> new ProviderGuardSettings(null, null, null, 0.5, null, null))
                .hasMessage("keystone.compliance.providers.backoff-multiplier must be 1 or more");
        assertThatThrownBy(() -> new ProviderGuardSettings(null, null, null, null, 0, null))
                .hasMessage("keystone.compliance.providers.failure-threshold must be 1 or more");
    }
}
