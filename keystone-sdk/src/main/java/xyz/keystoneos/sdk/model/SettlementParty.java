package xyz.keystoneos.sdk.model;

import java.time.Instant;
import java.util.List;

/**
 * A party of a settlement.
 *
 * @param id                the party id
 * @param role              its role, for example {@code seller} or {@code buyer}
 * @param platformId        the platform it belongs to
 * @param environmentId     the environment it belongs to
 * @param externalReference its platform's reference (only shown to that platform)
 * @param name              its name
 * @param walletAddress     its wallet
 * @param chainId           its chain
 * @param status            its compliance status
 * @param complianceChecks  the screening checks run on it
 * @param createdAt         creation time
 * @param updatedAt         last change
 */
public record SettlementParty(String id, String role, String platformId, String environmentId,
        String externalReference, String name, String walletAddress, Long chainId, PartyStatus status,
        List<ComplianceCheck> complianceChecks, Instant createdAt, Instant updatedAt) {

    /**
     * Creates a party; the checks are copied ({@code null} becomes empty).
     *
     * @param id                the party id
     * @param role              the role
     * @param platformId        the platform
     * @param environmentId     the environment
     * @param externalReference the reference
     * @param name              the name
     * @param walletAddress     the wallet
     * @param chainId           the chain
     * @param status            the compliance status
     * @param complianceChecks  the checks
     * @param createdAt         creation time
     * @param updatedAt         last change
     */
    public SettlementParty {
        complianceChecks = Copies.list(complianceChecks);
    }
}
