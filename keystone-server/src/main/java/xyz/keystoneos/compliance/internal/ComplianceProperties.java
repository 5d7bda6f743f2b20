package xyz.keystoneos.compliance.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code keystone.compliance}; everything has a default, so none needs to be configured.
 *
 * @param sanctionsList where the built-in {@code sanctions_list} provider reads its list
 * @param providers     the timeout, retries and circuit breaker applied to every provider call
 */
@ConfigurationProperties("keystone.compliance")
public record ComplianceProperties(SanctionsListSettings sanctionsList, ProviderGuardSettings providers) {

    public ComplianceProperties {
        sanctionsList = sanctionsList == null ? new SanctionsListSettings(null) : sanctionsList;
        providers = providers == null ? ProviderGuardSettings.defaults() : providers;
    }
}
