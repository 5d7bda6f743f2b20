package xyz.keystoneos.compliance;

/**
 * Service provider interface of a screening provider. Implementations are Spring beans; {@link #name()} is what
 * templates name in {@code compliance.entity_providers} / {@code wallet_providers}. Calls may block (remote
 * providers); KeyStone wraps them with a timeout, retries and a circuit breaker.
 */
public interface ComplianceProvider {

    String name();

    /** Screens a legal name. */
    ProviderVerdict screenEntity(String name);

    /** Screens a wallet address on a chain. */
    ProviderVerdict screenWallet(String walletAddress, long chainId);
}
