package xyz.keystoneos.compliance.internal;

import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import xyz.keystoneos.compliance.ComplianceProvider;
import xyz.keystoneos.compliance.ComplianceProviders;
import xyz.keystoneos.compliance.ProviderHealth;

/**
 * Every {@link ComplianceProvider} bean of the application, each behind its own {@link ProviderGuard}. Two beans
 * with the same {@link ComplianceProvider#name() name} stop the startup. Circuit breaker state lives in this node's
 * memory, so each node reports (and protects itself from) what it saw.
 */
@Service
class GuardedProviders implements ComplianceProviders {

    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("compliance-provider-", 0).factory());
    private final Map<String, ProviderGuard> guards = new TreeMap<>();

    @Autowired
    GuardedProviders(List<ComplianceProvider> providers, ComplianceProperties properties) {
        this(providers, properties.providers(), Clock.systemUTC());
    }

    GuardedProviders(List<ComplianceProvider> providers, ProviderGuardSettings settings, Clock clock) {
        for (ComplianceProvider provider : providers) {
            String name = provider.name();
            if (name == null || name.isBlank()) {
                throw new IllegalStateException("The compliance provider " + provider.getClass().getName()
                        + " has no name");
            }
            ProviderGuard previous = guards.putIfAbsent(name, new ProviderGuard(provider, settings, executor, clock));
            if (previous != null) {
                throw new IllegalStateException("Two compliance providers are named '" + name + "'");
            }
        }
    }

    Optional<ProviderGuard> find(String name) {
        return Optional.ofNullable(guards.get(name));
    }

    @Override
    public List<ProviderHealth> health() {
        return guards.values().stream().map(ProviderGuard::health).toList();
    }

    @PreDestroy
    void shutDown() {
        executor.shutdownNow();
    }
}
