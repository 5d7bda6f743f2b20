package xyz.keystoneos.compliance;

import java.util.List;

/** The compliance providers this node knows (every {@link ComplianceProvider} bean). Implemented inside the module. */
public interface ComplianceProviders {

    /** Every provider with its circuit breaker state and recent failures, ordered by provider name. */
    List<ProviderHealth> health();
}
