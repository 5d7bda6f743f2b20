package xyz.keystoneos.compliance;

import java.util.List;
import java.util.UUID;

/**
 * Screen every party of a settlement.
 *
 * @param sandbox         true when the settlement lives in sandbox environments: the documented test triggers apply
 * @param entityProviders provider names for name screening (template {@code compliance.entity_providers})
 * @param walletProviders provider names for wallet screening (template {@code compliance.wallet_providers})
 */
public record ScreeningRequest(UUID settlementId, boolean sandbox, List<String> entityProviders,
        List<String> walletProviders, List<PartyToScreen> parties) {
}
